/**
 * One error type for everything a user can fix (bad config, bad file, wrong flag).
 * It carries a list of located issues so that all problems are reported together,
 * and an exit code the CLI uses: 1 for user errors. A file-system error the user
 * can fix (disk full, read-only folder, …: environmentError) is one too; anything
 * else is unexpected and exits with 2.
 */
export type Severity = 'error' | 'warning';

export interface Issue {
  severity: Severity;
  /** Stable machine code, e.g. `unknown_header`. */
  code: string;
  message: string;
  file?: string;
  /** 1-based line (config) or row as the user sees it in Excel (data). */
  row?: number;
  /** 1-based column number (config) or the column header (data). */
  column?: number | string;
  /** Dotted path inside a config file. */
  path?: string;
}

export class YardstickError extends Error {
  readonly exitCode: number;
  readonly issues: Issue[];

  constructor(issues: Issue[] | string, exitCode = 1) {
    const list: Issue[] =
      typeof issues === 'string' ? [{ severity: 'error', code: 'error', message: issues }] : issues;
    super(list.map(formatIssue).join('\n'));
    this.name = 'YardstickError';
    this.exitCode = exitCode;
    this.issues = list;
  }

  /** Throw when `issues` holds at least one error. */
  static throwIfErrors(issues: Issue[]): void {
    if (issues.some((i) => i.severity === 'error')) throw new YardstickError(issues);
  }
}

export function isYardstickError(e: unknown): e is YardstickError {
  return e instanceof YardstickError;
}

/** `file:row:column message`, the form editors and terminals make clickable. */
export function formatIssue(i: Issue): string {
  const loc = [i.file, i.row, i.column].filter((x) => x !== undefined && x !== '').join(':');
  const path = i.path ? `${i.path}: ` : '';
  return `${loc ? loc + ' ' : ''}${path}${i.message}`;
}

export function error(code: string, message: string, where: Partial<Issue> = {}): Issue {
  return { severity: 'error', code, message, ...where };
}

export function warning(code: string, message: string, where: Partial<Issue> = {}): Issue {
  return { severity: 'warning', code, message, ...where };
}

// ── The machine said no: disk full, read-only folder, no permission, link loop, memory ──

/** What an environment error means and what to do about it, per errno code. */
const ENVIRONMENT: Record<string, { zh: string; en: string; fix: { zh: string; en: string } }> = {
  ENOSPC: { zh: '磁盘空间不足', en: 'no space left on the device',
    fix: { zh: '请清理磁盘空间，或在流水线文件中把 database / reports 指向空间充足的磁盘，然后重试', en: 'free some disk space, or point database / reports in the pipeline file to a disk with room, then retry' } },
  EROFS: { zh: '所在位置是只读文件系统', en: 'it is on a read-only file system',
    fix: { zh: '请在流水线文件中把 database / reports 指向可写的文件夹，或把项目复制到可写的位置', en: 'point database / reports in the pipeline file to a writable folder, or copy the project to one' } },
  EACCES: { zh: '没有访问权限', en: 'permission denied',
    fix: { zh: '请向管理员申请该文件或文件夹的读写权限，或改用有权限的位置', en: 'ask for read/write permission on it, or use a location you may write to' } },
  EPERM: { zh: '操作不被允许', en: 'operation not permitted',
    fix: { zh: '请检查该文件是否被锁定或只读，或改用其他位置', en: 'check whether the file is locked or read-only, or use another location' } },
  ELOOP: { zh: '符号链接循环（链接最终指向自身）', en: 'a loop of symbolic links (the link ends up pointing at itself)',
    fix: { zh: '请删除或修正该链接', en: 'remove or fix the link' } },
  ENOTDIR: { zh: '路径中的某一段是文件而不是文件夹', en: 'a part of the path is a file, not a folder',
    fix: { zh: '请检查流水线文件中的路径（database / data / reports）', en: 'check the paths in the pipeline file (database / data / reports)' } },
  EISDIR: { zh: '这是一个文件夹，此处需要文件', en: 'it is a folder where a file is expected',
    fix: { zh: '请检查流水线文件中的路径（如 database 应为文件名）', en: 'check the paths in the pipeline file (database must name a file)' } },
  OUT_OF_MEMORY: { zh: '数据库引擎用尽了允许的内存', en: 'the database engine ran out of the memory it may use',
    fix: { zh: '请在流水线文件中调高 memory_limit（如 memory_limit: 1GB），并确认数据库所在磁盘有空间存放临时文件', en: 'raise memory_limit in the pipeline file (e.g. memory_limit: 1GB), and make sure the disk beside the database has room for temporary files' } },
};

/** The same conditions as DuckDB words them (its IO errors carry no errno code). */
const ENVIRONMENT_TEXT: [RegExp, string][] = [
  [/No space left on device/i, 'ENOSPC'],
  [/Read-only file system/i, 'EROFS'],
  [/Permission denied/i, 'EACCES'],
  [/Operation not permitted/i, 'EPERM'],
  [/Too many levels of symbolic links/i, 'ELOOP'],
  [/Not a directory/i, 'ENOTDIR'],
  [/Is a directory/i, 'EISDIR'],
  [/Out of Memory Error/i, 'OUT_OF_MEMORY'],
];

/**
 * A file-system error the user can fix (ENOSPC, EROFS, EACCES, ELOOP, ENOTDIR …) as a
 * YardstickError (exit 1) naming the path and the remedy; undefined for anything else.
 * Works on Node's errors (`code`, `path`) and on DuckDB's IO errors (text, quoted path).
 */
export function environmentError(e: unknown): YardstickError | undefined {
  if (isYardstickError(e) || !e || typeof e !== 'object') return undefined;
  const err = e as { code?: unknown; path?: unknown; dest?: unknown; message?: unknown };
  const message = String(err.message ?? '');
  const code = typeof err.code === 'string' && err.code in ENVIRONMENT
    ? err.code
    : ENVIRONMENT_TEXT.find(([re]) => re.test(message))?.[1];
  if (!code) return undefined;
  // A path in the text of an IO error; an out-of-memory error has none to name.
  const path = typeof err.path === 'string' ? err.path
    : code === 'OUT_OF_MEMORY' ? undefined : /"([^"]+)"/.exec(message)?.[1] ?? /'([^']+)'/.exec(message)?.[1];
  const what = ENVIRONMENT[code];
  const at = path ? { zh: `${path}：`, en: `${path}: ` } : { zh: '', en: '' };
  return new YardstickError([error(code.toLowerCase(),
    `${at.zh}${what.zh}（${code}）。${what.fix.zh} / ${at.en}${what.en} (${code}); ${what.fix.en}`)]);
}

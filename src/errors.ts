/**
 * One error type for everything a user can fix (bad config, bad file, wrong flag).
 * It carries a list of located issues so that all problems are reported together,
 * and an exit code the CLI uses: 1 for user errors. Anything that is not a
 * YardstickError is unexpected and exits with 2.
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

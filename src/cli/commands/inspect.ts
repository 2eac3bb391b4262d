/** `yardstick inspect <file|pipeline>`: headers and a sample, nothing loaded or written. */
import type { Command } from 'commander';
import { KINDS, type Kind } from '../../domain/kinds.js';
import { YardstickError } from '../../errors.js';
import type { Lang } from '../../ingest/inspect-format.js';

function parseKind(v: string): Kind {
  if (!(KINDS as readonly string[]).includes(v)) {
    throw new YardstickError(`未知的数据类型：${v}（可选：${KINDS.join('、')}） / unknown kind: ${v} (one of ${KINDS.join(', ')})`);
  }
  return v as Kind;
}

function parseLang(v: string): Lang {
  if (v !== 'zh' && v !== 'en') throw new YardstickError(`语言须为 zh 或 en：${v} / --lang must be zh or en: ${v}`);
  return v;
}

export function registerInspectCommand(program: Command) {
  program
    .command('inspect <target>')
    .description('预览文件的表头对应与前几行，不载入、不写数据库 / preview how each file\'s headers map and its first rows; loads and writes nothing')
    .option('--kind <kind>', `kind of a single file (default: guessed from its headers): ${KINDS.join(', ')}`, parseKind)
    .option('--lang <lang>', 'zh | en', parseLang, 'zh')
    .option('--json', 'machine-readable')
    .action(async (target: string, o: { kind?: Kind; lang: Lang; json?: boolean }) => {
      const { inspect } = await import('../../ingest/inspect.js');
      const { formatInspect } = await import('../../ingest/inspect-format.js');
      const r = await inspect(target, { kind: o.kind });
      process.stdout.write(o.json ? `${JSON.stringify(r, null, 2)}\n` : `${formatInspect(r, o.lang)}\n`);
      // Header errors are what inspect is for: shown, and the exit code says ingest would stop.
      if (r.issues.some((i) => i.severity === 'error') || r.tables.some((t) => t.issues.some((i) => i.severity === 'error'))) process.exitCode = 1;
    });
}

/**
 * The `yardstick` command: commander wiring only. Each command parses its flags,
 * calls one library function (src/index.ts) and prints the result. Exit codes:
 * 0 success, 1 user error (located messages, or a file-system condition the user
 * can fix: disk full, read-only, no permission, link loop), 2 unexpected error.
 */
import { Command } from 'commander';
import { environmentError, formatIssue, isYardstickError } from '../errors.js';
import { registerCoreCommands } from './commands/core.js';
import { registerInspectCommand } from './commands/inspect.js';

const program = new Command();
program
  .name('yardstick')
  .description('学习型党组织建设考核评价 · evaluation pipeline for learning organisations')
  .option('--debug', 'print stack traces for unexpected errors')
  .showHelpAfterError();

registerCoreCommands(program);
registerInspectCommand(program);
await registerOptional(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = reportError(e, program.opts().debug);
}

/** Commands contributed by the scoring and weighting modules. */
async function registerOptional(p: Command) {
  const { registerWeightsCommand } = await import('./commands/weights.js');
  registerWeightsCommand(p);
  const { registerScoreTableCommand } = await import('../score/score-table-command.js');
  registerScoreTableCommand(p);
  const { registerAnalyseCommands } = await import('./commands/analyse.js');
  registerAnalyseCommands(p);
  const { registerReportCommands } = await import('./commands/report.js');
  registerReportCommands(p);
  const { registerTemplateCommand } = await import('./commands/template.js');
  registerTemplateCommand(p);
}

function reportError(thrown: unknown, debug: boolean): number {
  const e = environmentError(thrown) ?? thrown;
  if (isYardstickError(e)) {
    for (const i of e.issues) process.stderr.write(`${i.severity === 'warning' ? '警告 warning' : '错误 error'}: ${formatIssue(i)}\n`);
    return e.exitCode;
  }
  process.stderr.write(`意外错误 / Unexpected error: ${(e as Error)?.message ?? e}\n`);
  if (debug) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
  else process.stderr.write('使用 --debug 查看详细信息 / use --debug for the stack trace\n');
  return 2;
}

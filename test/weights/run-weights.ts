/** Run `yardstick weights …` in-process and collect what it prints on stdout and stderr. */
import { Command } from 'commander';
import { registerWeightsCommand } from '../../src/cli/commands/weights.js';

export async function runWeights(...args: string[]): Promise<{ out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = new Command().exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  registerWeightsCommand(program, { write: (s) => out.push(s), writeError: (s) => err.push(s), setExitCode: () => {} });
  await program.parseAsync(['weights', ...args], { from: 'user' });
  return { out: out.join(''), err: err.join('') };
}

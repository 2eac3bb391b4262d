/**
 * Read a weights JSON written by `yardstick weights ahp|entropy|critic|combine --json`
 * (any object with `criteria` and `weights` arrays will do) as input for combining.
 * An AHP result that failed its consistency check (`consistent: false`) is refused.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { error, YardstickError } from '../errors.js';
import type { NamedWeights } from './combine.js';
import * as msg from './messages.js';

const WeightsJson = z.object({
  method: z.string().optional().describe('Which command wrote the file (ahp, entropy, critic, combine).'),
  criteria: z.array(z.string()).min(1).describe('Criterion names, matched by name when combining.'),
  weights: z.array(z.number()).describe('One weight per criterion, summing to 1.'),
  consistent: z.boolean().optional().describe('AHP only: false when CR ≥ threshold.'),
  cr: z.number().optional().describe('AHP only: consistency ratio.'),
});

export interface WeightsFile extends NamedWeights {
  file: string;
  method?: string;
  criteria: string[];
  weights: number[];
}

export function readWeightsJson(file: string): WeightsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new YardstickError([error('cannot_read', msg.cannotRead(String((e as NodeJS.ErrnoException).code ?? e)), { file })]);
  }
  return parseWeightsJson(text, file);
}

export function parseWeightsJson(text: string, file: string): WeightsFile {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new YardstickError([error('bad_weights_json', msg.badWeightsJson((e as Error).message), { file })]);
  }
  const parsed = WeightsJson.safeParse(data);
  if (!parsed.success)
    throw new YardstickError(
      parsed.error.issues.map((i) => error('bad_weights_json', msg.badWeightsJson(i.message), { file, path: i.path.join('.') })),
    );
  const { method, criteria, weights, consistent, cr } = parsed.data;
  if (consistent === false) throw new YardstickError([error('ahp_inconsistent_input', msg.inconsistentInput(cr ?? NaN), { file })]);
  return { file, method, criteria, weights };
}

/**
 * The scripts inlined into index.html: the hand-written ones of this folder (charts.js,
 * tables.js, what-if-ui.js), read as they are, and the what-if engine (what-if-engine.ts with
 * the scoring engine's assignGrades), bundled by esbuild at report time so the page computes
 * with the engine's own functions, not a copy. Built once per process.
 *
 * The engine imports types and one helper from src/indicators, whose schema module builds zod
 * schemas when loaded; the page never validates anything, so zod is replaced by an inert stand-in
 * (inert-zod.js) instead of inlining 800 KB of it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { buildSync } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/** Text safe inside a `<script>` element. */
export const scriptSafe = (js: string) => js.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');

let engine: string | null = null;

/** `window.YardstickWhatIf = { computeWhatIf, weightedComposite }`. */
export function whatIfEngineScript(): string {
  engine ??= scriptSafe(buildSync({
    stdin: { contents: "export { computeWhatIf, weightedComposite } from './what-if-engine.ts';", resolveDir: here, loader: 'ts' },
    bundle: true, write: false, format: 'iife', globalName: 'YardstickWhatIf', platform: 'browser', target: 'es2019',
    alias: { zod: join(here, 'inert-zod.js') }, legalComments: 'none', logLevel: 'silent',
  }).outputFiles[0].text);
  return engine;
}

/** A hand-written script of this folder. */
export function pageScript(name: 'charts.js' | 'tables.js' | 'what-if-ui.js'): string {
  return scriptSafe(readFileSync(join(here, name), 'utf8'));
}


/**
 * `yardstick weights ahp|entropy|critic|combine`: compute criterion weights from a
 * pairwise matrix or a data CSV, or combine two weight files. Argument parsing and
 * printing only; the methods live in `src/weights/` (imported lazily to keep `--help`
 * fast).
 *
 * Output contract (scripts rely on it): `--json` prints one JSON line on stdout with
 * `method`, `criteria`, `weights` and the method's statistics; otherwise an aligned
 * zh/en table. A refused AHP matrix (CR ≥ 0.1) still prints its result, writes the
 * reason to stderr and sets exit code 1. Other user errors are thrown as
 * YardstickError for the main CLI to print.
 */
import { Command, Option } from 'commander';
import { error, formatIssue, YardstickError, type Issue } from '../../errors.js';
import * as msg from '../../weights/messages.js';
import { RI_TABLE_NAMES, type RiTableName } from '../../weights/random-index.js';

export interface WeightsIo {
  /** stdout. */
  write: (s: string) => void;
  /** stderr (default process.stderr). */
  writeError?: (s: string) => void;
  /** Default sets `process.exitCode`. */
  setExitCode?: (code: number) => void;
}

const defaultIo: WeightsIo = { write: (s) => void process.stdout.write(s) };

interface DataOptions {
  cost?: string;
  /** Percent; a lower weight is warned about. */
  floor: string;
  json?: boolean;
}

export function registerWeightsCommand(program: Command, io: WeightsIo = defaultIo): Command {
  const writeError = io.writeError ?? ((s: string) => void process.stderr.write(s));
  const setExitCode = io.setExitCode ?? ((code: number) => void (process.exitCode = code));
  const printJson = (value: unknown) => io.write(JSON.stringify(value) + '\n');
  const printWarnings = (issues: Issue[]) => {
    for (const i of issues) writeError(`警告 warning: ${formatIssue(i)}\n`);
  };

  const weights = program.command('weights').description('计算指标权重 / compute criterion weights (AHP, entropy, CRITIC, combined)');

  weights
    .command('ahp')
    .description('层次分析法 / AHP weights from a pairwise comparison matrix CSV')
    .argument('<matrix>', 'matrix.csv: header “,A,B,…”, then one row per criterion')
    .addOption(new Option('--ri <table>', '随机一致性指标表 / random index table').choices(RI_TABLE_NAMES).default('saaty'))
    .option('--json', '输出 JSON / print JSON')
    .action(async (file: string, opts: { ri: RiTableName; json?: boolean }) => {
      const w = await import('../../weights/index.js');
      const { ahpJson, renderAhp } = await import('../../weights/format-result.js');
      const result = await naming(file, () => {
        const m = w.readPairwiseCsv(file);
        return w.computeAhp(m.values, { criteria: m.criteria, ri: opts.ri, locate: m.locate });
      });
      if (opts.json) printJson(ahpJson(result));
      else io.write(renderAhp(result, file));
      const refusal = w.inconsistencyIssue(result);
      if (refusal) {
        writeError(`错误 error: ${formatIssue({ ...refusal, file })}\n`);
        setExitCode(1);
      }
    });

  weights
    .command('entropy')
    .description('熵权法 / entropy weights from a data CSV (first column = unit)')
    .argument('<data>', 'data.csv: unit column, then one numeric column per indicator')
    .addOption(
      new Option('--normalise <method>', '比重法或极差法 / raw shares or min-max first').choices(['proportion', 'minmax']).default('proportion'),
    )
    .option('--cost <names>', '成本型指标（逗号分隔，需 minmax）/ lower-is-better indicators, comma-separated (needs minmax)')
    .option('--floor <percent>', '数据方法权重下限，低于则警告（默认 1）/ warn when a weight is below this percentage (default 1)', '1')
    .option('--json', '输出 JSON / print JSON')
    .action(async (file: string, opts: DataOptions & { normalise: 'proportion' | 'minmax' }) => {
      const w = await import('../../weights/index.js');
      const { entropyJson, renderEntropy } = await import('../../weights/format-result.js');
      const { entropyLowWeights } = await import('../../weights/low-weights.js');
      const floor = parseFloor(opts.floor);
      const { result, cost, low } = await naming(file, () => {
        const d = w.readDataCsv(file);
        const cost = parseCost(opts.cost, d.criteria);
        const result = w.computeEntropyWeights(d.values, { criteria: d.criteria, units: d.units, normalise: opts.normalise, cost });
        return { result, cost, low: entropyLowWeights(result, d.values, floor, file) };
      });
      if (opts.json) printJson({ ...entropyJson(result, cost), floor, warnings: low.map((i) => i.message) });
      else io.write(renderEntropy(result, file));
      printWarnings(low);
    });

  weights
    .command('critic')
    .description('CRITIC 法 / CRITIC weights from a data CSV (first column = unit)')
    .argument('<data>', 'data.csv: unit column, then one numeric column per indicator')
    .option('--cost <names>', '成本型指标（逗号分隔）/ lower-is-better indicators, comma-separated')
    .option('--floor <percent>', '数据方法权重下限，低于则警告（默认 1）/ warn when a weight is below this percentage (default 1)', '1')
    .option('--json', '输出 JSON / print JSON')
    .action(async (file: string, opts: DataOptions) => {
      const w = await import('../../weights/index.js');
      const { criticJson, renderCritic } = await import('../../weights/format-result.js');
      const { criticLowWeights } = await import('../../weights/low-weights.js');
      const floor = parseFloor(opts.floor);
      const { result, cost, low } = await naming(file, () => {
        const d = w.readDataCsv(file);
        const cost = parseCost(opts.cost, d.criteria);
        const result = w.computeCriticWeights(d.values, { criteria: d.criteria, units: d.units, cost });
        return { result, cost, low: criticLowWeights(result, d.values, floor, file) };
      });
      if (opts.json) printJson({ ...criticJson(result, cost), floor, warnings: low.map((i) => i.message) });
      else io.write(renderCritic(result, file));
      printWarnings(low);
    });

  weights
    .command('combine')
    .description('主客观组合赋权 / combine subjective and objective weights (JSON from the other commands)')
    .requiredOption('--subjective <file>', '主观权重 JSON / subjective weights JSON (e.g. from ahp --json)')
    .requiredOption('--objective <file>', '客观权重 JSON / objective weights JSON (e.g. from entropy --json)')
    .addOption(new Option('--mode <mode>', '合成方式 / how to combine').choices(['multiplicative', 'linear']).makeOptionMandatory())
    .option('--alpha <number>', '线性合成中主观权重的比例（默认 0.5）/ share of the subjective weights in linear mode (default 0.5)')
    .option('--json', '输出 JSON / print JSON')
    .action(async (opts: { subjective: string; objective: string; mode: 'multiplicative' | 'linear'; alpha?: string; json?: boolean }) => {
      const w = await import('../../weights/index.js');
      const { readWeightsJson } = await import('../../weights/read-weights-json.js');
      const { combineJson, renderCombine } = await import('../../weights/format-result.js');
      const s = readWeightsJson(opts.subjective);
      const o = readWeightsJson(opts.objective);
      const result = w.combineWeights(s, o, {
        mode: opts.mode,
        alpha: opts.alpha === undefined ? undefined : parseAlpha(opts.alpha),
        sources: { subjective: s.file, objective: o.file },
      });
      const sources = [{ file: s.file, method: s.method }, { file: o.file, method: o.method }] as const;
      if (opts.json) printJson({ ...combineJson(result, ...sources), warnings: result.warnings.map((i) => i.message) });
      else io.write(renderCombine(result, ...sources));
      printWarnings(result.warnings);
    });

  return weights;
}

/**
 * Run a command's work so that every message names its file: a YardstickError whose
 * issues carry no file (e.g. "every criterion is constant") gets the input file.
 */
async function naming<T>(file: string, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof YardstickError && e.issues.some((i) => !i.file)) {
      throw new YardstickError(e.issues.map((i) => (i.file ? i : { ...i, file })), e.exitCode);
    }
    throw e;
  }
}

/** `--floor 1` (percent) → 0.01. */
function parseFloor(text: string): number {
  const v = Number(text.replace(/%$/, ''));
  if (text.trim() === '' || !Number.isFinite(v) || v < 0 || v > 100)
    throw new YardstickError([error('bad_floor', msg.badFloor(text), { path: '--floor' })]);
  return v / 100;
}

/** `a,b` (ASCII or full-width commas) → one flag per criterion; unknown names are errors. */
function parseCost(list: string | undefined, criteria: string[]): boolean[] | undefined {
  if (list === undefined) return undefined;
  const names = list.split(/[,，]/).map((s) => s.trim()).filter(Boolean);
  YardstickError.throwIfErrors(
    names
      .filter((n) => !criteria.includes(n))
      .map((n) => error('unknown_criterion', msg.unknownCriterion(n, criteria), { path: '--cost' })),
  );
  return criteria.map((c) => names.includes(c));
}

function parseAlpha(text: string): number {
  const alpha = Number(text);
  if (text.trim() === '' || !Number.isFinite(alpha) || alpha < 0 || alpha > 1)
    throw new YardstickError([error('bad_alpha', msg.badAlpha(text), { path: '--alpha' })]);
  return alpha;
}

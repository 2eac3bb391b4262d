/**
 * `yardstick weights ahp|entropy|critic|combine`: compute criterion weights from a
 * pairwise matrix or a data CSV, or combine two weight files. Argument parsing and
 * printing only; the methods live in `src/weights/` (imported lazily to keep `--help`
 * fast).
 *
 * Output contract (scripts rely on it): `--json` prints one JSON line on stdout with
 * `method`, `criteria`, `weights` and the method's statistics, then `percent` (weights
 * rounded to 2 decimals summing to exactly 100) and, for the data methods, `floor` and
 * `warnings`; otherwise an aligned zh/en table. Warnings (low weights, rescaled inputs,
 * units left out) go to stderr, each naming its file. A refused AHP matrix (CR ≥ 0.1)
 * still prints its result, writes the reason to stderr and sets exit code 1. Other user
 * errors are thrown as YardstickError for the main CLI to print, with the input file.
 *
 * `entropy` and `critic` read a data CSV, or with `--from <pipeline> --year Y --group
 * <node>` the group's unit × indicator table from the database (from-database.ts).
 * Every subcommand takes `--write <tree.yaml> --group <node>`: the weights go into that
 * group's children `weight:` values, 12 decimals of a percent by default (write-tree.ts).
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

interface DataOptions extends WriteOptions {
  cost?: string;
  /** Percent; a lower weight is warned about. */
  floor: string;
  json?: boolean;
  from?: string;
  year?: string;
  group?: string;
  values: 'normalised' | 'raw';
  missing: 'drop' | 'mean';
  names: 'id' | 'label';
}

interface WriteOptions {
  write?: string;
  group?: string;
  decimals: string;
}

interface DataInput {
  /** The file messages name (the CSV, or the pipeline). */
  file: string;
  /** The heading: the CSV, or `pipeline (year, group)`. */
  where: string;
  criteria: string[];
  units: string[];
  values: number[][];
  cost?: boolean[];
  warnings: Issue[];
  /** Extra JSON keys saying where a database table came from. */
  json: Record<string, unknown>;
}

/** The data CSV, or (with --from) the group's unit × indicator table from the database. */
async function readData(file: string | undefined, o: DataOptions): Promise<DataInput> {
  if ((file === undefined) === (o.from === undefined))
    throw new YardstickError([error('data_or_from', msg.dataOrFrom())]);
  if (file !== undefined) {
    const { readDataCsv } = await import('../../weights/read-matrix.js');
    const d = await naming(file, () => readDataCsv(file));
    return { file, where: file, criteria: d.criteria, units: d.units, values: d.values.map((r) => Array.from(r)), warnings: [], json: {} };
  }
  const pipeline = o.from!;
  const year = Number(o.year);
  if (!o.year || !Number.isInteger(year) || !o.group)
    throw new YardstickError([error('from_needs_year_group', msg.fromNeedsYearGroup(), { path: '--from' })]);
  const { loadPipeline } = await import('../../config/load-pipeline.js');
  const { openDb } = await import('../../store/db.js');
  const { groupTable } = await import('../../weights/from-database.js');
  const p = loadPipeline(pipeline);
  const db = await openDb(p.database);
  try {
    const t = await groupTable(db, { year, group: o.group, values: o.values, missing: o.missing, names: o.names, file: pipeline });
    return {
      file: pipeline, where: t.where, criteria: t.criteria, units: t.units, values: t.values, cost: t.cost, warnings: t.warnings,
      json: { source: { pipeline, year, group: t.groupId, values: o.values, missing: o.missing, ids: t.ids, units: t.units } },
    };
  } finally {
    db.close();
  }
}

// Options shared by the data methods (entropy, critic): a fresh Option each time, as commander wants.
const FLOOR = () => new Option('--floor <percent>', '数据方法权重下限，低于则警告（默认 1）/ warn when a weight is below this percentage (default 1)').default('1');
const FROM = () => new Option('--from <pipeline>', '从数据库读取指标树某分组的“单位 × 指标”表 / read the unit × indicator table of a tree group from the database');
const YEAR = () => new Option('--year <year>', '与 --from 同用：考核年度 / with --from: the scored year');
const GROUP = () => new Option('--group <node>', '与 --from 同用：分组编号或名称 / with --from: group node id or label');
const VALUES = () => new Option('--values <source>', '与 --from 同用：标准化得分或原始值 / with --from: normalised scores or raw values').choices(['normalised', 'raw']).default('normalised');
const MISSING = () => new Option('--missing <policy>', '与 --from 同用：缺失值处理 / with --from: drop units with gaps or fill with the mean').choices(['drop', 'mean']).default('drop');
const NAMES = () => new Option('--names <names>', '与 --from 同用：指标以编号或中文名称表示 / with --from: criteria by id or Chinese label').choices(['id', 'label']).default('id');
const WRITE = () => new Option('--write <tree>', '把权重写入指标体系文件（与 --group 同用，保留注释）/ write the weights into an indicator file (with --group; comments kept)');
const DECIMALS = () => new Option('--decimals <n>', '--write 写入的小数位（百分数，默认 12，合计恰为 100）/ decimals of the percentages --write writes (default 12; they sum to exactly 100)').default('12');
const JSON_OUT = () => new Option('--json', '输出 JSON / print JSON');

export function registerWeightsCommand(program: Command, io: WeightsIo = defaultIo): Command {
  const writeError = io.writeError ?? ((s: string) => void process.stderr.write(s));
  const setExitCode = io.setExitCode ?? ((code: number) => void (process.exitCode = code));
  const printJson = (value: unknown) => io.write(JSON.stringify(value) + '\n');
  const printWarnings = (issues: Issue[]) => {
    for (const i of issues) writeError(`警告 warning: ${formatIssue(i)}\n`);
  };

  /** --write <tree> --group <node>: freeze the weights into the indicator file (write-tree.ts). */
  const writeInto = async (opts: WriteOptions, criteria: string[], values: ArrayLike<number>) => {
    if (opts.write === undefined) return;
    if (!opts.group) throw new YardstickError([error('write_needs_group', msg.writeNeedsGroup(), { path: '--write', file: opts.write })]);
    const { writeWeightsIntoTree } = await import('../../weights/write-tree.js');
    const r = writeWeightsIntoTree(opts.write, opts.group, criteria, values, parseDecimals(opts.decimals));
    writeError(msg.weightsWritten(r.file, r.groupId, r.written.map((x) => `${x.id} ${x.weight}`)) + '\n');
    if (r.removedWeightsFrom) writeError(msg.weightsFromRemoved(r.file, r.groupId, r.removedWeightsFrom) + '\n');
  };

  const weights = program.command('weights').description('计算指标权重 / compute criterion weights (AHP, entropy, CRITIC, combined)');

  weights
    .command('ahp')
    .description('层次分析法 / AHP weights from a pairwise comparison matrix CSV')
    .argument('<matrix>', 'matrix.csv: header “,A,B,…”, then one row per criterion')
    .addOption(new Option('--ri <table>', '随机一致性指标表 / random index table').choices(RI_TABLE_NAMES).default('saaty'))
    .option('--group <node>', '与 --write 同用：分组编号或名称 / with --write: group node id or label')
    .addOption(WRITE()).addOption(DECIMALS())
    .addOption(JSON_OUT())
    .action(async (file: string, opts: { ri: RiTableName; json?: boolean } & WriteOptions) => {
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
      } else await writeInto(opts, result.criteria, result.weights);
    });

  weights
    .command('entropy')
    .description('熵权法 / entropy weights from a data CSV (first column = unit) or a group of the tree (--from)')
    .argument('[data]', 'data.csv: unit column, then one numeric column per indicator (or use --from)')
    .addOption(
      new Option('--normalise <method>', '比重法或极差法 / raw shares or min-max first').choices(['proportion', 'minmax']).default('proportion'),
    )
    .option('--cost <names>', '成本型指标（逗号分隔，需 minmax）/ lower-is-better indicators, comma-separated (needs minmax)')
    .addOption(FLOOR()).addOption(FROM()).addOption(YEAR()).addOption(GROUP()).addOption(VALUES()).addOption(MISSING()).addOption(NAMES())
    .addOption(WRITE()).addOption(DECIMALS()).addOption(JSON_OUT())
    .action(async (arg: string | undefined, opts: DataOptions & { normalise: 'proportion' | 'minmax' }) => {
      const w = await import('../../weights/index.js');
      const { entropyJson, renderEntropy } = await import('../../weights/format-result.js');
      const { entropyLowWeights } = await import('../../weights/low-weights.js');
      const floor = parseFloor(opts.floor);
      const d = await readData(arg, opts);
      const { result, cost, low } = await naming(d.file, () => {
        const cost = opts.cost === undefined ? d.cost : parseCost(opts.cost, d.criteria);
        const result = w.computeEntropyWeights(d.values, { criteria: d.criteria, units: d.units, normalise: opts.normalise, cost });
        return { result, cost, low: [...d.warnings, ...entropyLowWeights(result, d.values, floor, d.file)] };
      });
      if (opts.json) printJson({ ...entropyJson(result, cost), floor, ...d.json, warnings: low.map((i) => i.message) });
      else io.write(renderEntropy(result, d.where));
      printWarnings(low);
      await writeInto(opts, result.criteria, result.weights);
    });

  weights
    .command('critic')
    .description('CRITIC 法 / CRITIC weights from a data CSV (first column = unit) or a group of the tree (--from)')
    .argument('[data]', 'data.csv: unit column, then one numeric column per indicator (or use --from)')
    .option('--cost <names>', '成本型指标（逗号分隔）/ lower-is-better indicators, comma-separated')
    .addOption(FLOOR()).addOption(FROM()).addOption(YEAR()).addOption(GROUP()).addOption(VALUES()).addOption(MISSING()).addOption(NAMES())
    .addOption(WRITE()).addOption(DECIMALS()).addOption(JSON_OUT())
    .action(async (arg: string | undefined, opts: DataOptions) => {
      const w = await import('../../weights/index.js');
      const { criticJson, renderCritic } = await import('../../weights/format-result.js');
      const { criticLowWeights } = await import('../../weights/low-weights.js');
      const floor = parseFloor(opts.floor);
      const d = await readData(arg, opts);
      const { result, cost, low } = await naming(d.file, () => {
        const cost = opts.cost === undefined ? d.cost : parseCost(opts.cost, d.criteria);
        const result = w.computeCriticWeights(d.values, { criteria: d.criteria, units: d.units, cost });
        return { result, cost, low: [...d.warnings, ...criticLowWeights(result, d.values, floor, d.file)] };
      });
      if (opts.json) printJson({ ...criticJson(result, cost), floor, ...d.json, warnings: low.map((i) => i.message) });
      else io.write(renderCritic(result, d.where));
      printWarnings(low);
      await writeInto(opts, result.criteria, result.weights);
    });

  weights
    .command('combine')
    .description('主客观组合赋权 / combine subjective and objective weights (JSON from the other commands)')
    .requiredOption('--subjective <file>', '主观权重 JSON / subjective weights JSON (e.g. from ahp --json)')
    .requiredOption('--objective <file>', '客观权重 JSON / objective weights JSON (e.g. from entropy --json)')
    .addOption(new Option('--mode <mode>', '合成方式 / how to combine').choices(['multiplicative', 'linear']).makeOptionMandatory())
    .option('--alpha <number>', '线性合成中主观权重的比例（默认 0.5）/ share of the subjective weights in linear mode (default 0.5)')
    .option('--group <node>', '与 --write 同用：分组编号或名称 / with --write: group node id or label')
    .addOption(WRITE()).addOption(DECIMALS())
    .addOption(JSON_OUT())
    .action(async (opts: { subjective: string; objective: string; mode: 'multiplicative' | 'linear'; alpha?: string; json?: boolean } & WriteOptions) => {
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
      await writeInto(opts, result.criteria, result.weights);
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

function parseDecimals(text: string): number {
  const d = Number(text);
  if (!Number.isInteger(d) || d < 0 || d > 12) throw new YardstickError([error('bad_decimals', msg.badDecimals(text), { path: '--decimals' })]);
  return d;
}

function parseAlpha(text: string): number {
  const alpha = Number(text);
  if (text.trim() === '' || !Number.isFinite(alpha) || alpha < 0 || alpha > 1)
    throw new YardstickError([error('bad_alpha', msg.badAlpha(text), { path: '--alpha' })]);
  return alpha;
}

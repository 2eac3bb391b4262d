/**
 * The stage layer: landed tables of text (the read layer) → staging tables, every kind in
 * the order the kinds depend on each other, inside the caller's transaction:
 *
 *   units → unit_registry → (unit lookup) → members → unit_profile → attendance, exams,
 *   publications, research_reports
 *
 * Each kind is one model (<kind>.sql: source → cleaned → typed → checked → resolved) over ALL
 * its files at once, with rejects, duplicates and counts read from the same resolved rows and
 * one insert per kind. (unit_profile goes file by file: every file has its own metric columns;
 * then its files are checked against each other: profile.ts.)
 */
import type { Issue } from '../../errors.js';
import type { Kind } from '../../domain/kinds.js';
import type { Db } from '../../store/db.js';
import { attendanceConflicts } from './conflicts.js';
import { FACT_KINDS, stageFacts, type FactKind } from './facts.js';
import { addCounts, type StageCounts } from './finish.js';
import { buildUnitLookup } from './lookup.js';
import { stageMembers } from './members.js';
import { stageProfiles } from './profile.js';
import { createStageTables, registerInputs, type StageInput } from './source.js';
import { stageRegistry, stageUnits } from './units.js';

export type { StageCounts } from './finish.js';
export type { StageInput } from './source.js';
export { explainUnitRejects } from './lookup.js';

/**
 * The format of what the stage writes (person keys, columns): a database staged by another
 * format must be reloaded whole (part of the files' fingerprint, plan.ts).
 */
export const STAGE_VERSION = 3;

export const KIND_ORDER: Kind[] = ['units', 'unit_registry', 'members', 'unit_profile', 'attendance', 'exams', 'publications', 'research_reports'];

export interface StageOptions {
  spool: string;
  keepNames: boolean;
  /** The source's `columns:` and `ignore:` of each input (unit_profile reads them for its metrics). */
  profileSource: (input: StageInput) => { columns: Record<string, string[]>; ignore?: string[] };
  /** Called before each kind that has inputs (the live progress line). */
  onKindStart?: (kind: Kind, inputs: StageInput[]) => void;
  /** Called after each kind with the inputs staged so far (progress, the crash-test pause). */
  onKind?: (kind: Kind, inputs: StageInput[], seconds: number) => Promise<void> | void;
}

/** Stage every input; returns the row counts per source file and the notes. */
export async function stageAll(db: Db, inputs: StageInput[], o: StageOptions): Promise<{ counts: Map<string, StageCounts>; issues: Issue[] }> {
  const counts = new Map<string, StageCounts>();
  const issues: Issue[] = [];
  const add = (r: { counts: Map<string, StageCounts>; issues: Issue[] }) => {
    for (const [file, c] of r.counts) counts.set(file, addCounts(counts.get(file), c));
    issues.push(...r.issues);
  };
  for (const kind of KIND_ORDER) {
    const mine = inputs.filter((i) => i.kind === kind);
    const t0 = Date.now();
    // The lookup needs the unit list and the registry; everything after needs the lookup.
    if (kind === 'members') await buildUnitLookup(db);
    if (!mine.length) continue;
    o.onKindStart?.(kind, mine);
    if (kind === 'unit_profile') {
      add(await stageProfiles(db, mine, o.profileSource));
    } else {
      await startKind(db, mine);
      if (kind === 'units') add(await stageUnits(db, mine));
      else if (kind === 'unit_registry') add(await stageRegistry(db, mine));
      else if (kind === 'members') add(await stageMembers(db, mine, o));
      else if ((FACT_KINDS as string[]).includes(kind)) add(await stageFacts(db, kind as FactKind, mine, o));
      if (kind === 'attendance') issues.push(...await attendanceConflicts(db));
    }
    await o.onKind?.(kind, mine, (Date.now() - t0) / 1000);
  }
  await db.run('DROP VIEW IF EXISTS stage_source');
  return { counts, issues };
}

async function startKind(db: Db, inputs: StageInput[]): Promise<void> {
  await createStageTables(db);
  await registerInputs(db, inputs);
}

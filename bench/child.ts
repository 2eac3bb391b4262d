/** Run one measurement in its own process (so peak RSS is its own); its last stdout line is JSON. */
import { execFileSync } from 'node:child_process';

export interface Timed { seconds: number; rows: number; maxRssMb: number }

export function child(script: string, args: string[], timeoutMs?: number): Timed {
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 24, timeout: timeoutMs });
  return JSON.parse(out.trim().split('\n').pop()!);
}

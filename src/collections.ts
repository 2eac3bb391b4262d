/** Small collection helpers (Node 20 has no Map.groupBy). */

/** Items grouped by key, groups in first-seen order. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const group = m.get(k);
    if (group) group.push(it);
    else m.set(k, [it]);
  }
  return m;
}

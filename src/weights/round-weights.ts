/**
 * Printed weights that add up: weights shown in percent with `decimals` places are
 * rounded by the largest-remainder method (Hamilton / Hare–Niemeyer apportionment),
 * so the printed numbers sum to exactly 100 and `check` accepts them as written.
 *
 *   1. every weight in units of 10^−decimals percent, floored;
 *   2. the units still missing to reach 100 go one each to the largest remainders
 *      (ties: the earlier criterion first, so the result is deterministic).
 *
 * Plain rounding of (1/3, 1/3, 1/3) prints 33.33 three times = 99.99; this prints
 * 33.34, 33.33, 33.33.
 */

/**
 * Shares → whole units summing to exactly `total` (Hamilton's method, as for seats:
 * each gets the floor of its exact quota, the rest go to the largest remainders).
 */
export function largestRemainder(shares: readonly number[], total: number): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) return shares.map(() => 0);
  // Scaled by the actual sum: a 4-decimal input summing to 1.0001 still adds up to total.
  const exact = shares.map((w) => (w / sum) * total);
  const units = exact.map((x) => Math.floor(x + 1e-9));
  let missing = total - units.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, j) => ({ j, remainder: x - units[j] }))
    .sort((a, b) => b.remainder - a.remainder || a.j - b.j);
  for (const { j } of order) {
    if (missing <= 0) break;
    units[j] += 1;
    missing -= 1;
  }
  return units;
}

/** Weights (summing to 1) → percent numbers with `decimals` places summing to exactly 100. */
export function roundToHundred(weights: readonly number[], decimals = 2): number[] {
  const unit = 10 ** decimals;
  return largestRemainder(weights, 100 * unit).map((u) => u / unit);
}

/** `roundToHundred` as the strings printed in tables: `33.34%`. */
export function percentsToHundred(weights: readonly number[], decimals = 2): string[] {
  return roundToHundred(weights, decimals).map((p) => `${p.toFixed(decimals)}%`);
}

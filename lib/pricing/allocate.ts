/**
 * Largest-remainder allocation: splits an exact integer amount by weights so the parts sum to
 * the whole exactly. Each part gets its floor share; the units left over go one each to the
 * largest remainders, ties to the earlier item, so the result is deterministic.
 */
export function allocateByWeight(amount: bigint, weights: readonly bigint[]): bigint[] {
  if (amount < 0n) return allocateByWeight(-amount, weights).map((part) => -part);
  if (weights.some((weight) => weight < 0n)) throw new RangeError("weights must be non-negative");
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0n);
  if (totalWeight === 0n) {
    if (amount === 0n) return weights.map(() => 0n);
    throw new RangeError("cannot allocate a non-zero amount over zero total weight");
  }
  const parts = weights.map((weight) => (amount * weight) / totalWeight);
  const remainders = weights.map((weight, index) => ({ index, remainder: (amount * weight) % totalWeight }));
  let left = amount - parts.reduce((sum, part) => sum + part, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index]! += 1n;
    left -= 1n;
  }
  return parts;
}

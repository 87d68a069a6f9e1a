/** Near matches for a model name nobody priced: shared prefixes and small edit distances. */

const MAX_SUGGESTIONS = 5;

/** Levenshtein distance, abandoning once it exceeds `limit` (names are short, lists long). */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Names within a quarter of the name's length in edits (at least 2), or that extend or are
 * extended by the name, closest first.
 */
export function nearMatches(name: string, candidates: Iterable<string>): string[] {
  const target = name.toLowerCase();
  const limit = Math.max(2, Math.floor(target.length / 4));
  const scored: Array<{ name: string; score: number }> = [];
  for (const candidate of candidates) {
    const distance = editDistance(target, candidate, limit);
    const related = candidate.startsWith(target) || target.startsWith(candidate);
    if (distance <= limit || related) scored.push({ name: candidate, score: Math.min(distance, limit + 1) });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.length - b.name.length || a.name.localeCompare(b.name))
    .slice(0, MAX_SUGGESTIONS)
    .map((match) => match.name);
}

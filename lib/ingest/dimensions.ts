/**
 * Customers and features this process already knows exist, so that a batch only upserts the
 * ones it has not seen (or that carry a display name). Filled only after a commit; a miss
 * costs one idempotent upsert, so the cache can be dropped at any time.
 */
const MAX_KNOWN = 200_000;
const known = new Set<string>();

const keyOf = (projectId: string, kind: "customer" | "feature", id: string) => `${projectId}\u0000${kind}\u0000${id}`;

interface DimensionUpserts {
  ids: string[];
  names: (string | null)[];
}

/** The distinct ids to upsert (sorted, so concurrent batches lock rows in one order). */
export function dimensionsToUpsert(
  projectId: string,
  kind: "customer" | "feature",
  rows: ReadonlyArray<{ id: string; name: string | null }>,
): DimensionUpserts {
  const wanted = new Map<string, string | null>();
  for (const { id, name } of rows) {
    if (id === "") continue;
    if (name !== null) wanted.set(id, name);
    else if (!wanted.has(id) && !known.has(keyOf(projectId, kind, id))) wanted.set(id, null);
  }
  const ids = [...wanted.keys()].sort();
  return { ids, names: ids.map((id) => wanted.get(id)!) };
}

export function rememberDimensions(projectId: string, kind: "customer" | "feature", ids: readonly string[]): void {
  if (known.size + ids.length > MAX_KNOWN) known.clear();
  for (const id of ids) known.add(keyOf(projectId, kind, id));
}

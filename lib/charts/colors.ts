/**
 * Series colours that stay with their key: "support-bot" is the same colour on the overview,
 * on its own page and after a reload, because the colour comes from a hash of the key, not
 * from its rank. Two keys of one chart whose hashes collide take the next free colour, in the
 * chart's stacking order, so a chart never shows two series in one colour (up to the palette).
 */
export const PALETTE = [
  "#4f46e5", // indigo
  "#0891b2", // cyan
  "#d97706", // amber
  "#059669", // emerald
  "#db2777", // pink
  "#7c3aed", // violet
  "#2563eb", // blue
  "#65a30d", // lime
  "#dc2626", // red
  "#0d9488", // teal
] as const;

/** "Other" is always a neutral grey, so it never reads as one more real series. */
export const OTHER_COLOR = "#94a3b8";

/** FNV-1a: small, stable across runtimes, and spreads short similar keys well. */
function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function preferredColor(key: string): string {
  return PALETTE[hashKey(key) % PALETTE.length]!;
}

/**
 * Colours for the keys of one chart, in their order. Keys flagged as "other" get OTHER_COLOR.
 * Past the palette's size colours repeat (from the preferred one), which the legend makes clear.
 */
export function assignColors(keys: readonly { key: string; isOther?: boolean }[]): Map<string, string> {
  const colors = new Map<string, string>();
  const used = new Set<number>();
  for (const { key, isOther } of keys) {
    if (isOther) {
      colors.set(key, OTHER_COLOR);
      continue;
    }
    const start = hashKey(key) % PALETTE.length;
    let index = start;
    for (let step = 0; step < PALETTE.length && used.has(index); step++) index = (start + step + 1) % PALETTE.length;
    if (used.size >= PALETTE.length) index = start;
    used.add(index);
    colors.set(key, PALETTE[index]!);
  }
  return colors;
}

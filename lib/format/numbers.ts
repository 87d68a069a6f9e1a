/**
 * Counts for people: tokens with units ("1.2M tokens"), requests ("12,345"), GPU time.
 * Token and event counts arrive as integers or integer strings (bigint columns); compacting
 * works on the integer text so 9,007,199,254,740,993 tokens still reads right.
 */
type CountInput = number | string | bigint;

const COMPACT: readonly [bigint, string][] = [
  [10n ** 12n, "T"],
  [10n ** 9n, "B"],
  [10n ** 6n, "M"],
  [10n ** 3n, "K"],
];

function toBigInt(value: CountInput): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return BigInt(Math.round(value));
  const text = value.trim();
  if (!/^-?\d+$/.test(text)) throw new RangeError(`not an integer count: ${JSON.stringify(value)}`);
  return BigInt(text);
}

/** Integer count with thousands separators: "12,345". */
export function formatCount(value: CountInput): string {
  const n = toBigInt(value);
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return negative ? `-${digits}` : digits;
}

/**
 * Short count: "950", "1.2K", "12K", "3.4M", "1.1B". One decimal below ten of a unit, rounded
 * half up, carrying into the next unit (999,950 -> "1M", not "1000K").
 */
export function formatCompact(value: CountInput): string {
  const n = toBigInt(value);
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  const sign = negative ? "-" : "";
  for (let i = 0; i < COMPACT.length; i++) {
    const [unit, suffix] = COMPACT[i]!;
    if (magnitude < unit) continue;
    const places = magnitude < unit * 10n ? 1 : 0;
    const step = unit / 10n ** BigInt(places);
    const rounded = (magnitude + step / 2n) / step;
    if (rounded >= 1000n * 10n ** BigInt(places) && i > 0) return `${sign}1${COMPACT[i - 1]![1]}`;
    const text = places ? `${rounded / 10n}.${rounded % 10n}` : rounded.toString();
    return `${sign}${text.replace(/\.0$/, "")}${suffix}`;
  }
  return `${sign}${magnitude}`;
}

/** Tokens with their unit: "1.2M tokens", "1 token", "0 tokens". */
export function formatTokens(value: CountInput): string {
  const n = toBigInt(value);
  return `${formatCompact(n)} ${n === 1n ? "token" : "tokens"}`;
}

/** The odd values the fuzzers put where a field belongs: types, sizes, unicode, prototype keys, offsets. */
import type { Random } from "./random";

const deepObject = (depth: number): unknown => {
  let value: unknown = { leaf: 1 };
  for (let i = 0; i < depth; i++) value = { nested: value };
  return value;
};

/** Own `__proto__` keys, as JSON.parse builds them (an object literal would set the prototype). */
const protoObject = JSON.parse('{"__proto__": {"input": 5}, "constructor": 1, "toString": "x"}') as unknown;

export const ODD_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udc00y",
  "\udbff\udfff",
  "💸",
  "\u200b",
  "\u202eevil",
  "e\u0301",
  "x".repeat(5000),
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "prototype",
  "'; DROP TABLE usage_events; --",
  '" OR 1=1 --',
  "%",
  "_",
  "\\",
  "$1",
  "${jndi:ldap://x}",
  "<script>alert(1)</script>",
  '=HYPERLINK("http://x")',
  "null",
  "NaN",
  "1e5",
  "-0.0000000000000001",
];

const ODD_NUMBERS: readonly number[] = [
  -1,
  0,
  -0,
  1.5,
  1e300,
  -1e300,
  1e21,
  2 ** 53 + 2,
  Number.MIN_VALUE,
  0.1 + 0.2,
  123456789012345680000,
];

export const ODD_TIMESTAMPS: readonly string[] = [
  "2026-12-01T12:00:00+16:00",
  "2026-12-01T12:00:00-23:59",
  "2026-12-01T12:00:00+14:00",
  "2026-12-01T12:00:00-12:00",
  "2026-12-01T12:00:00+14:01",
  "2026-12-01T12:00:00+05:45",
  "2026-12-01T12:00:00+0530",
  "2026-12-01T12:00:00+05:60",
  "2026-12-01t12:00:00z",
  "2026-12-01T12:00Z",
  "2026-12-01T12:00:00.123456789Z",
  "2026-12-01 12:00:00Z",
  " 2026-12-01T12:00:00Z",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "2026-02-30T00:00:00Z",
  "2026-13-45T99:99:99Z",
  "2026-12-01T24:00:00Z",
  "2026-12-01T23:59:60Z",
  "+002026-12-01T00:00:00Z",
  "2026-12-01",
  "1764590400",
];

export function oddValue(random: Random): unknown {
  switch (random.int(6)) {
    case 0:
      return random.pick(ODD_STRINGS);
    case 1:
      return random.pick(ODD_NUMBERS);
    case 2:
      return random.pick(ODD_TIMESTAMPS);
    case 3:
      return random.pick([null, true, false, [], {}, [1, 2], protoObject]);
    case 4:
      return deepObject(random.pick([2, 50, 500]));
    default:
      return { [random.pick(ODD_STRINGS)]: random.pick([...ODD_NUMBERS, ...ODD_STRINGS]) };
  }
}

/** A valid timestamp within the accepted window (the last 300 days), sometimes with an offset. */
export function recentTimestamp(random: Random, now: number): string {
  const ms = now - random.int(300 * 86_400_000);
  const iso = new Date(ms).toISOString();
  if (!random.chance(0.3)) return iso;
  const hours = random.int(12);
  const local = new Date(ms + hours * 3_600_000).toISOString().slice(0, 19);
  return `${local}+${String(hours).padStart(2, "0")}:00`;
}

/**
 * Usage objects of calls billed by a unit other than the token:
 *
 * - `{"type": "duration", "seconds": 60}` (OpenAI transcription, whisper-1) or `{"seconds": 60}`:
 *   seconds of audio, rounded to the nearest second as OpenAI bills them;
 * - `{"characters": 1200}`: characters of text turned into speech (tts-1, tts-1-hd);
 * - `{"images": 2, "size": "1024x1792", "quality": "hd"}`: generated images (dall-e-2, dall-e-3),
 *   size and quality as sent in the request, OpenAI's defaults (1024x1024, standard) when absent.
 *
 * Recognised only when no token field says otherwise (`detectUsageShape` found nothing).
 */
import { DEFAULT_IMAGE_QUALITY, DEFAULT_IMAGE_SIZE, type UnitUsage } from "../units";
import { UsageError } from "../usage-error";
import { count, type UsageRecord } from "../usage-fields";

/**
 * The most one event may carry per unit, beyond any single call (a week of audio, a hundred
 * novels of speech, a large batch of images), so that a typo cannot book millions of dollars.
 */
const MAX_UNITS: Readonly<Record<UnitUsage["kind"], number>> = {
  second: 604_800,
  character: 100_000_000,
  image: 10_000,
};
const SIZE = /^\d{2,5}x\d{2,5}$/;
const QUALITY = /^[a-z]{1,20}$/;
const FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  seconds: new Set(["type", "seconds"]),
  characters: new Set(["characters"]),
  images: new Set(["images", "size", "quality"]),
};

function checkFields(usage: UsageRecord, unitField: string, path: string): void {
  const allowed = FIELDS[unitField]!;
  const extra = Object.keys(usage).find((key) => !allowed.has(key));
  if (extra !== undefined)
    throw new UsageError(
      `${path}.${extra}`,
      `unexpected beside ${unitField}; a ${unitField} usage has only ${[...allowed].join(", ")}`,
    );
  if (unitField === "seconds" && usage.type !== undefined && usage.type !== "duration")
    throw new UsageError(`${path}.type`, 'must be "duration"');
}

function bounded(quantity: number, kind: UnitUsage["kind"], field: string): number {
  if (quantity > MAX_UNITS[kind]) throw new UsageError(field, `at most ${MAX_UNITS[kind]} in one event`);
  return quantity;
}

function seconds(usage: UsageRecord, path: string): number {
  const value = usage.seconds;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    throw new UsageError(`${path}.seconds`, "must be a non-negative number of seconds");
  return bounded(Math.round(value), "second", `${path}.seconds`);
}

function text(
  usage: UsageRecord,
  key: string,
  pattern: RegExp,
  fallback: string,
  expected: string,
  path: string,
): string {
  const value = usage[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "string" || !pattern.test(value)) throw new UsageError(`${path}.${key}`, `must be ${expected}`);
  return value;
}

/** The unit quantity of a usage object, or undefined when it names none of the unit fields. */
export function readUnitUsage(usage: UsageRecord, path: string): UnitUsage | undefined {
  const unitField =
    Object.keys(FIELDS).find((field) => usage[field] !== undefined) ??
    (usage.type === "duration" ? "seconds" : undefined);
  if (unitField === undefined) return undefined;
  checkFields(usage, unitField, path);
  if (unitField === "seconds") return { kind: "second", quantity: seconds(usage, path) };
  if (unitField === "characters")
    return {
      kind: "character",
      quantity: bounded(count(usage, "characters", path), "character", `${path}.characters`),
    };
  const size = text(usage, "size", SIZE, DEFAULT_IMAGE_SIZE, 'a size such as "1024x1792"', path);
  const quality = text(usage, "quality", QUALITY, DEFAULT_IMAGE_QUALITY, 'a quality such as "standard" or "hd"', path);
  return {
    kind: "image",
    quantity: bounded(count(usage, "images", path), "image", `${path}.images`),
    variant: `${size}:${quality}`,
  };
}

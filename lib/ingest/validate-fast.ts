/**
 * The fast path of validation: a hand-written check of a usage event against every rule of
 * `usageEventSchema` (schema.ts), for the common, well-formed event. It only answers "valid"
 * or "not sure": anything it does not accept goes through the zod schema, which produces the
 * field-named rejection (or accepts the rare shapes this path leaves to it: `gpu`, null
 * prototypes...). So the messages stay those of the schema, and an accepted event is the
 * same row either way (zod's output differs from its input only by dropping unknown keys,
 * which the row builder never reads). test/ingest/validate-fast.test.ts checks the two agree.
 */
import { textProblem } from "@/lib/api/storable-text";
import { USAGE_FORMATS } from "@/lib/pricing/normalize";
import { SERVICE_TIERS } from "@/lib/pricing/types";
import {
  MAX_EVENT_ID_LENGTH,
  MAX_LATENCY_MS,
  MAX_METADATA_KEY_LENGTH,
  MAX_METADATA_KEYS,
  MAX_METADATA_VALUE_LENGTH,
  MAX_NAME_LENGTH,
} from "./limits";
import { PRINTABLE, UNSIGNED_DECIMAL, type UsageEventInput } from "./schema";

const TIERS: ReadonlySet<unknown> = new Set(SERVICE_TIERS);
const FORMATS: ReadonlySet<unknown> = new Set(USAGE_FORMATS);

function isName(value: unknown): boolean {
  return (
    typeof value === "string" && value.length >= 1 && value.length <= MAX_NAME_LENGTH && textProblem(value) === null
  );
}

const optionalName = (value: unknown) => value === undefined || isName(value);

/** A JSON object as JSON.parse builds it, without an own `__proto__` key (left to zod). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    !Object.hasOwn(value, "__proto__")
  );
}

function isMetadata(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  let keys = 0;
  for (const key in value) {
    if (++keys > MAX_METADATA_KEYS) return false;
    if (key.length < 1 || key.length > MAX_METADATA_KEY_LENGTH || textProblem(key) !== null) return false;
    const text = value[key];
    if (typeof text !== "string" || text.length > MAX_METADATA_VALUE_LENGTH || textProblem(text) !== null) return false;
  }
  return true;
}

function isCost(value: unknown): boolean {
  if (typeof value === "string") return UNSIGNED_DECIMAL.test(value);
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value < 1e21;
}

/** True when `usageEventSchema` would accept the event as it is; false when unsure. */
export function isWellFormedUsage(event: unknown): event is UsageEventInput {
  if (!isPlainObject(event)) return false;
  const e = event;
  if (e.type !== "usage") return false;
  const id = e.event_id;
  if (typeof id !== "string" || id.length < 1 || id.length > MAX_EVENT_ID_LENGTH || !PRINTABLE.test(id)) return false;
  if (typeof e.occurred_at !== "string") return false; // its format and range: checkTimestamp, for both paths
  if (!isName(e.provider) || !isName(e.model)) return false;
  if (
    !optionalName(e.customer) ||
    !optionalName(e.feature) ||
    !optionalName(e.customer_name) ||
    !optionalName(e.feature_name)
  )
    return false;
  if (!optionalName(e.error_type) || !optionalName(e.trace_id) || !optionalName(e.session_id)) return false;
  if (e.metadata !== undefined && !isMetadata(e.metadata)) return false;
  if (e.service_tier !== undefined && !TIERS.has(e.service_tier)) return false;
  if (e.tokens !== undefined && !isPlainObject(e.tokens)) return false;
  if (e.usage !== undefined && !isPlainObject(e.usage)) return false;
  if (e.tokens !== undefined && e.usage !== undefined) return false;
  if (e.usage_format !== undefined && !FORMATS.has(e.usage_format)) return false;
  if (e.gpu !== undefined) return false; // strict object with its own rules: left to zod
  const latency = e.latency_ms;
  if (latency !== undefined && !(typeof latency === "number" && latency >= 0 && latency <= MAX_LATENCY_MS))
    return false;
  if (e.status !== undefined && e.status !== "ok" && e.status !== "error") return false;
  if (e.cost_usd !== undefined && !isCost(e.cost_usd)) return false;
  return true;
}

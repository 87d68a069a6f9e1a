/**
 * Instants written by clients: ISO 8601 timestamps with a zone (`Z` or `±hh:mm`). The offset is
 * limited to what civil time uses (−12:00 to +14:00; PostgreSQL refuses some larger ones that
 * JavaScript accepts) and the date to the supported window, and every instant leaves here as
 * milliseconds since the epoch, so SQL only ever sees UTC.
 */
import { z } from "zod";
import { checkDay } from "./days";

const TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/i;
const MAX_EAST_MINUTES = 14 * 60;
const MAX_WEST_MINUTES = 12 * 60;

type InstantCheck = { ok: true; ms: number } | { ok: false; reason: string };

export const TIMESTAMP_FORMAT = "an ISO 8601 timestamp with a timezone (Z or ±hh:mm)";

export function checkTimestamp(text: string): InstantCheck {
  const match = TIMESTAMP.exec(text);
  if (!match) return { ok: false, reason: TIMESTAMP_FORMAT };
  const day = checkDay(match[1]!);
  if (!day.ok) return { ok: false, reason: day.reason };
  let offsetMinutes = 0;
  if (match[7]) {
    const hours = Number(match[8]);
    const minutes = Number(match[9]);
    if (minutes > 59) return { ok: false, reason: "an offset's minutes must be below 60" };
    offsetMinutes = (hours * 60 + minutes) * (match[7] === "-" ? -1 : 1);
    if (offsetMinutes > MAX_EAST_MINUTES || -offsetMinutes > MAX_WEST_MINUTES) {
      return { ok: false, reason: "a timezone offset between -12:00 and +14:00" };
    }
  }
  const milliseconds = match[5] ? Number(`${match[5].slice(1)}00`.slice(0, 3)) : 0;
  const ms =
    day.number * 86_400_000 +
    (Number(match[2]) * 60 + Number(match[3]) - offsetMinutes) * 60_000 +
    Number(match[4] ?? 0) * 1000 +
    milliseconds;
  return { ok: true, ms };
}

/** "2026-01-01" (UTC midnight) or a timestamp with a zone, inside the supported window, as a Date. */
export const instantSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const check = /^\d{4}-\d{2}-\d{2}$/.test(text) ? checkTimestamp(`${text}T00:00:00Z`) : checkTimestamp(text);
    if (check.ok) return new Date(check.ms);
    ctx.addIssue({
      code: "custom",
      message: check.reason === TIMESTAMP_FORMAT ? "a date YYYY-MM-DD or an ISO timestamp" : check.reason,
    });
    return z.NEVER;
  });

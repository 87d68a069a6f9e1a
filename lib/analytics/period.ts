/**
 * The period a read-API request asks for, as inclusive calendar days in the organisation's
 * timezone (the rollups' `day` column is in that timezone), and the previous period of the
 * same length just before it, for comparisons.
 */
import { addDays, dayToNumber, daysBetween, numberToDay } from "@/lib/calendar/days";
import type { Period, RangePreset, ReadQuery } from "./contracts";

export interface ResolvedPeriod {
  current: Period;
  previous: Period;
}

export { addDays, dayToNumber, daysBetween, numberToDay };

/** Today in a timezone, as YYYY-MM-DD (an unknown zone reads as UTC). */
export function todayIn(timezone: string, now: Date = new Date()): string {
  let zone = timezone;
  try {
    new Intl.DateTimeFormat("en-CA", { timeZone: zone });
  } catch {
    zone = "UTC";
  }
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

function presetDays(preset: RangePreset, today: string): [string, string] {
  switch (preset) {
    case "7d":
      return [addDays(today, -6), today];
    case "30d":
      return [addDays(today, -29), today];
    case "90d":
      return [addDays(today, -89), today];
    case "mtd":
      return [`${today.slice(0, 8)}01`, today];
    case "last-month": {
      const last = addDays(`${today.slice(0, 8)}01`, -1);
      return [`${last.slice(0, 8)}01`, last];
    }
  }
}

export function resolvePeriod(query: Pick<ReadQuery, "range" | "from" | "to">, timezone: string, now: Date = new Date()): ResolvedPeriod {
  const [from, to] = query.from && query.to ? [query.from, query.to] : presetDays(query.range ?? "30d", todayIn(timezone, now));
  const days = dayToNumber(to) - dayToNumber(from) + 1;
  return {
    current: { from, to, days, timezone },
    previous: { from: addDays(from, -days), to: addDays(from, -1), days, timezone },
  };
}

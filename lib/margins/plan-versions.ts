/**
 * Effective-dated plan versions. Editing a plan adds a version from a day on; every day is
 * charged by the version in force that day: the one with the latest start on or before it (the
 * higher version number when two start the same day). Version 1 has no start.
 */
import { addDays } from "@/lib/calendar/days";
import type { Day } from "@/lib/calendar/days";
import { addMonths, firstDayOf, monthOf, type Period } from "@/lib/calendar/months";
import type { Plan } from "./plans";
import type { PlanSegment } from "./revenue";

export interface PlanVersion {
  planId: string;
  version: number;
  /** null: from the beginning (version 1). */
  effectiveFrom: Day | null;
  plan: Plan;
}

/** The days of `span` on plan `planId`, cut where a version takes over, each with its version. */
export function versionSegments(
  planId: string,
  span: Period,
  fallback: Plan,
  versions: readonly PlanVersion[],
): PlanSegment[] {
  const own = versions.filter((version) => version.planId === planId);
  if (own.length === 0) return [{ plan: fallback, ...span }];
  const inForce = (day: Day) => {
    let found: PlanVersion | undefined;
    for (const version of own) {
      const starts = version.effectiveFrom ?? "";
      if (starts > day) continue;
      const foundStarts = found?.effectiveFrom ?? "";
      if (!found || starts > foundStarts || (starts === foundStarts && version.version > found.version))
        found = version;
    }
    return found?.plan ?? own.reduce((first, version) => (version.version < first.version ? version : first)).plan;
  };
  const cuts = [
    ...new Set(
      own
        .map((version) => version.effectiveFrom)
        .filter((day): day is Day => day !== null && day > span.from && day <= span.to),
    ),
  ].sort();
  const starts = [span.from, ...cuts];
  return starts.map((from, index) => ({
    plan: inForce(from),
    from,
    to: index + 1 < starts.length ? addDays(starts[index + 1]!, -1) : span.to,
  }));
}

/** The first day of the next calendar month: an edit's default start, so no charged month changes. */
export function nextBillingPeriodStart(today: Day): Day {
  return firstDayOf(addMonths(monthOf(today), 1));
}

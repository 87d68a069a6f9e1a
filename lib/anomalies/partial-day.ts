/**
 * Which anomalies of today's partial day are fair to report. The detector judges a whole day
 * against a baseline of whole days; today is only part of one. A day's cost only grows as it
 * goes on, so a partial day whose cost is already above the whole day's upper band will end
 * above it too: that verdict is final (only its size can still grow). Everything else waits
 * for the day to end: a partial day below its band is not a drop, and ratios (tokens per
 * request, cache hit rate, cost per outcome) can still move either way.
 */
import type { Day } from "@/lib/calendar/days";
import type { Anomaly } from "./types";

export function judgeableOnPartialDay(anomaly: Anomaly, today: Day): boolean {
  return (
    anomaly.day === today && anomaly.key.metric === "cost" && anomaly.direction === "up" && anomaly.kind !== "drift"
  );
}

/** The dollar y-axis every chart draws: a prepared scale's ticks, labelled exactly ("$1.5k"). */
import { formatTick, type Scale } from "@/lib/charts";

export const AXIS_TICK = { fontSize: 11.5, fill: "#64748b" };

/** Props for a recharts `YAxis` on `scale` (spread them: `<YAxis {...moneyYAxis(scale)} />`). */
export function moneyYAxis(scale: Scale, width = 64) {
  const labels = new Map(scale.ticks.map((tick) => [tick.value, formatTick(tick, "usd")]));
  return {
    domain: [0, scale.max],
    ticks: scale.ticks.map((tick) => tick.value),
    tickFormatter: (value: number) => labels.get(value) ?? "",
    tickLine: false,
    axisLine: false,
    width,
    tick: AXIS_TICK,
  };
}

/** The axes the charts share: the dollar y-axis, its ticks labelled exactly ("$1.5k"), and the x-axis style. */
import { formatTick, type Scale } from "@/lib/charts";

const AXIS_TICK = { fontSize: 11.5, fill: "#64748b" };

/** The x-axis line and ticks of the bar and area charts (spread them: `<XAxis dataKey="label" {...X_AXIS} />`). */
export const X_AXIS = { tickLine: false, axisLine: { stroke: "#cbd5e1" }, tick: AXIS_TICK };

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

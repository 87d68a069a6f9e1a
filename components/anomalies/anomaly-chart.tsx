"use client";

import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { SeriesResponse } from "@/lib/anomalies/db/api";
import { parseSeriesId } from "@/lib/anomalies/series-id";
import { chartRows, fullValue, shortValue } from "./chart-data";

/** The series, its baseline band (expected ± the detection threshold) and the anomalous days. */
export function AnomalyChart({ series, selectedDay }: { series: SeriesResponse; selectedDay?: string }) {
  const rows = chartRows(series.points);
  const outcomeType = parseSeriesId(series.seriesId)?.outcomeType;
  if (rows.length === 0) return <p className="muted small">No data for this series yet.</p>;
  return (
    <div style={{ width: "100%", height: 280 }} data-testid="anomaly-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis
            dataKey="day"
            tickFormatter={(d: string) => d.slice(5)}
            minTickGap={28}
            tick={{ fontSize: 12, fill: "#64748b" }}
          />
          <YAxis
            tickFormatter={(v: number) => shortValue(series.unit, v)}
            width={56}
            tick={{ fontSize: 12, fill: "#64748b" }}
          />
          <Tooltip
            formatter={(value, name) => {
              if (Array.isArray(value))
                return [
                  `${fullValue(series.unit, Number(value[0]), outcomeType)} – ${fullValue(series.unit, Number(value[1]), outcomeType)}`,
                  "Expected range",
                ];
              return [fullValue(series.unit, Number(value), outcomeType), String(name)];
            }}
          />
          <Area
            dataKey="band"
            name="Expected range"
            stroke="none"
            fill="#c7d2fe"
            fillOpacity={0.55}
            isAnimationActive={false}
            connectNulls={false}
          />
          <Line
            dataKey="expected"
            name="Expected"
            stroke="#818cf8"
            strokeDasharray="4 3"
            dot={false}
            strokeWidth={1.5}
            isAnimationActive={false}
          />
          <Line
            dataKey="actual"
            name="Actual"
            stroke="#0f172a"
            dot={false}
            strokeWidth={1.8}
            isAnimationActive={false}
          />
          <Scatter
            dataKey="flagged"
            name="Anomaly"
            isAnimationActive={false}
            shape={(props: { cx?: number; cy?: number; payload?: { day: string; flagged: number | null } }) =>
              // Recharts still calls the shape for rows without a value (at the top edge): draw nothing there.
              props.cx === undefined || props.cy === undefined || props.payload?.flagged == null ? (
                <g />
              ) : (
                <circle
                  cx={props.cx}
                  cy={props.cy}
                  r={props.payload?.day === selectedDay ? 7 : 5}
                  fill="#b91c1c"
                  stroke="#fff"
                  strokeWidth={2}
                />
              )
            }
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

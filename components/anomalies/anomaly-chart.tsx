"use client";

import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { SeriesResponse } from "@/lib/anomalies/contracts";
import { parseSeriesId } from "@/lib/anomalies/series-id";
import type { ReactElement } from "react";
import { chartRows, fullValue, shiftDays, shortValue, type ChartRow } from "./chart-data";
import styles from "./anomalies.module.css";

const SHIFT_COLOUR = "#b45309";
const DRIFT_COLOUR = "#c2410c";

type MarkProps = { cx?: number; cy?: number; payload?: ChartRow };

/** A scatter shape that draws `draw` on rows where `field` has a value. */
function markShape(field: "flagged" | "driftEnd", draw: (x: number, y: number, day: string) => ReactElement) {
  return function Mark(props: MarkProps): ReactElement {
    // Recharts still calls the shape for rows without a value (at the top edge): draw nothing there.
    return props.cx === undefined || props.cy === undefined || props.payload?.[field] == null ? (
      <g />
    ) : (
      draw(props.cx, props.cy, props.payload.day)
    );
  };
}

/**
 * The series, its baseline band (expected ± the detection threshold) and what was detected, each
 * drawn as what it is: a spike or drop as a dot outside the band, a level shift as a line on the
 * day it began (its days may stay inside the band: it is a run of days beyond half of it), a
 * drift as its fitted trend over its window (a slope, whose days can all be inside the band).
 */
export function AnomalyChart({ series, selectedDay }: { series: SeriesResponse; selectedDay?: string }) {
  const rows = chartRows(series.points);
  const outcomeType = parseSeriesId(series.series_id)?.outcomeType;
  if (rows.length === 0) return <p className="muted small">No data for this series yet.</p>;
  const shifts = shiftDays(rows);
  const hasOutside = rows.some((row) => row.flagged !== null);
  const hasDrift = rows.some((row) => row.trend !== null);
  return (
    <>
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
            <Line
              dataKey="trend"
              name="Drift: fitted trend"
              stroke={DRIFT_COLOUR}
              strokeWidth={2.5}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
            <Scatter
              dataKey="driftEnd"
              name="Drift detected"
              isAnimationActive={false}
              shape={markShape("driftEnd", (x, y) => (
                <rect
                  x={x - 5}
                  y={y - 5}
                  width={10}
                  height={10}
                  transform={`rotate(45 ${x} ${y})`}
                  fill={DRIFT_COLOUR}
                  stroke="#fff"
                  strokeWidth={2}
                />
              ))}
            />
            {shifts.map((day) => (
              <ReferenceLine
                key={day}
                x={day}
                stroke={SHIFT_COLOUR}
                strokeWidth={day === selectedDay ? 2.5 : 1.5}
                strokeDasharray="5 3"
                label={{ value: "shift", position: "insideTopRight", fill: SHIFT_COLOUR, fontSize: 11 }}
              />
            ))}
            <Scatter
              dataKey="flagged"
              name="Anomaly"
              isAnimationActive={false}
              shape={markShape("flagged", (x, y, day) => (
                <circle cx={x} cy={y} r={day === selectedDay ? 7 : 5} fill="#b91c1c" stroke="#fff" strokeWidth={2} />
              ))}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <div className={styles.legend} data-testid="anomaly-legend">
        <span>
          <span className={styles.swatch} style={{ background: "#0f172a" }} />
          Actual
        </span>
        <span>
          <span className={styles.swatch} style={{ background: "#818cf8" }} />
          Expected
        </span>
        <span>
          <span className={styles.swatch} style={{ background: "#c7d2fe" }} />
          Expected range
        </span>
        {hasOutside && (
          <span>
            <span className={styles.swatch} style={{ background: "#b91c1c", borderRadius: 999 }} />
            Outside the range (spike or drop)
          </span>
        )}
        {shifts.length > 0 && (
          <span>
            <span className={styles.swatch} style={{ background: SHIFT_COLOUR, width: 3 }} />
            Level shift began
          </span>
        )}
        {hasDrift && (
          <span>
            <span className={styles.swatch} style={{ background: DRIFT_COLOUR, height: 3, verticalAlign: 3 }} />
            Drift: fitted trend over 4 weeks
          </span>
        )}
      </div>
    </>
  );
}

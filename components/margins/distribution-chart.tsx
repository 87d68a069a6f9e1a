"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "@/lib/format";
import { distributionBars, type BucketJson } from "@/lib/margins/chart";
import styles from "./margins.module.css";

const FILL = { bad: "#dc2626", good: "#059669", neutral: "#94a3b8" } as const;

export function DistributionChart({ buckets }: { buckets: BucketJson[] }) {
  const bars = distributionBars(buckets, formatMoney);
  return (
    <div className={styles.chart} data-testid="margin-distribution">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} margin={{ left: 0, right: 8, top: 8, bottom: 0 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="tick"
            tick={{ fontSize: 10.5, fill: "#64748b" }}
            interval={0}
            tickLine={false}
            axisLine={{ stroke: "#cbd5e1" }}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fontSize: 11, fill: "#64748b" }}
            width={32}
            tickLine={false}
            axisLine={false}
          />
          <Tooltip
            cursor={{ fill: "#f1f5f9" }}
            content={({ active, payload }) => {
              const bar = active ? (payload?.[0]?.payload as (typeof bars)[number] | undefined) : undefined;
              if (!bar) return null;
              return (
                <div className="card" style={{ padding: "8px 10px", maxWidth: 280, fontSize: 12.5 }}>
                  <strong>{bar.label}</strong>
                  <div className="muted">{bar.detail}</div>
                </div>
              );
            }}
          />
          <Bar dataKey="count" name="Customers" radius={[3, 3, 0, 0]} isAnimationActive={false}>
            {bars.map((bar) => (
              <Cell key={bar.key} fill={FILL[bar.tone]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

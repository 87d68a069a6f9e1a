"use client";

/**
 * Every chart, loaded on demand: recharts is ~420 kB of script, and in a page's first-load
 * bundle it delayed hydration (and every click) of pages whose numbers were already in the
 * server HTML. Charts draw only in the browser anyway (ResponsiveContainer needs a measured
 * width), so each one shows a grey block of its own height until its chunk arrives.
 */
import dynamic from "next/dynamic";
import { Skeleton } from "@/components/dashboard/states";

function chartPlaceholder(height: number) {
  function ChartPlaceholder() {
    return <Skeleton height={height} />;
  }
  return ChartPlaceholder;
}

export const StackedSpendChart = dynamic(
  () => import("./stacked-spend-chart").then((module) => module.StackedSpendChart),
  { ssr: false, loading: chartPlaceholder(300) },
);

export const CompareChart = dynamic(() => import("./compare-chart").then((module) => module.CompareChart), {
  ssr: false,
  loading: chartPlaceholder(220),
});

export const AnomalyChart = dynamic(
  () => import("@/components/anomalies/anomaly-chart").then((module) => module.AnomalyChart),
  { ssr: false, loading: chartPlaceholder(280) },
);

export const DistributionChart = dynamic(
  () => import("@/components/margins/distribution-chart").then((module) => module.DistributionChart),
  { ssr: false, loading: chartPlaceholder(240) },
);

export const BudgetSpendChart = dynamic(
  () => import("@/components/budgets/spend-chart").then((module) => module.SpendChart),
  { ssr: false, loading: chartPlaceholder(210) },
);

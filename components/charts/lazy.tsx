"use client";

/**
 * Charts load on demand: recharts is ~420 kB of script, and in a page's first-load bundle it
 * delayed hydration (and every click) of pages whose numbers were already in the server HTML.
 * Charts draw only in the browser anyway (ResponsiveContainer needs a measured width), so each
 * one shows a grey block of its own height until its chunk arrives. The dashboard's charts are
 * here; a page area's own chart is made lazy beside the component that shows it, with
 * `chartPlaceholder`, so this folder never imports the page areas that import it.
 */
import dynamic from "next/dynamic";
import { Skeleton } from "@/components/states";

/** The grey block a lazy chart shows while its chunk loads (`loading` of next/dynamic). */
export function chartPlaceholder(height: number) {
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

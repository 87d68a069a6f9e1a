/**
 * The model comparison: actual vs counterfactual cost per bucket (two bars side by side), and
 * the saving as money and share, with its sign decided on exact amounts.
 */
import { chooseGranularity, dayStates, groupDays, sumBucket } from "./buckets";
import { niceScale, type Scale } from "./axis";
import { usdToNumber } from "./decimal";
import { formatDay, formatMonth } from "@/lib/format/dates";
import { usdToFemto } from "@/lib/money";

interface CompareInput {
  actual: string;
  counterfactual: string;
  saving: string;
  saving_share: number | null;
  by_day: readonly { day: string; actual: string; counterfactual: string }[];
}

export type Verdict = "cheaper" | "dearer" | "same";

export interface CompareChart {
  rows: {
    bucket: string;
    label: string;
    actual: number;
    counterfactual: number;
    exactActual: string;
    exactCounterfactual: string;
  }[];
  scale: Scale;
  verdict: Verdict;
}

export function verdictOf(saving: string): Verdict {
  const femto = usdToFemto(saving);
  if (femto === 0n) return "same";
  return femto > 0n ? "cheaper" : "dearer";
}

export function prepareCompare(input: CompareInput): CompareChart {
  const days = input.by_day.map((row) => row.day);
  const granularity = chooseGranularity(days.length);
  const states = dayStates(days, days);
  const buckets = groupDays(days, states, granularity);
  const actual = input.by_day.map((row) => row.actual);
  const counterfactual = input.by_day.map((row) => row.counterfactual);
  let max = 0;
  const rows = buckets.map((bucket) => {
    const exactActual = sumBucket(actual, bucket);
    const exactCounterfactual = sumBucket(counterfactual, bucket);
    const row = {
      bucket: bucket.start,
      label: granularity === "month" ? formatMonth(bucket.start) : formatDay(bucket.start),
      actual: usdToNumber(exactActual),
      counterfactual: usdToNumber(exactCounterfactual),
      exactActual,
      exactCounterfactual,
    };
    max = Math.max(max, row.actual, row.counterfactual);
    return row;
  });
  return { rows, scale: niceScale(max), verdict: verdictOf(input.saving) };
}

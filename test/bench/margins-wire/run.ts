/**
 * npm run bench:margins-wire [-- --customers 2000 --days 90 --runs 20]
 *
 * What the snake_case wire mapping (lib/margins/wire) adds to the margins report: the engine's
 * report for N customers (5 features x 2 models a day, a cost-plus plan, a subscription with an
 * allowance for the 20 largest, one compared plan), shaped as the API shapes it, then timed:
 * `marginsToWire` alone, against `JSON.stringify` of the same answer, the serialisation every
 * answer pays anyway (the baseline, same process). No database: the mapping is pure.
 */
import { parseArgs } from "node:util";
import { addDays } from "@/lib/calendar/days";
import { computeMargins } from "@/lib/margins/engine";
import { parsePlan, type Plan, type PlanInput } from "@/lib/margins/plans";
import { reportJson, EXPLANATIONS } from "@/lib/margins/db/report";
import type { CustomerPeriodUsage } from "@/lib/margins/types";
import { marginsToWire, marginsWire } from "@/lib/margins/wire";
import { usdToFemto } from "@/lib/money";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "2000" },
    days: { type: "string", default: "90" },
    runs: { type: "string", default: "20" },
  },
});
const customers = Number(values.customers);
const days = Number(values.days);
const runs = Number(values.runs);

function plan(input: PlanInput): Plan {
  const parsed = parsePlan(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

const from = "2026-01-01";
const to = addDays(from, days - 1);
const plans = [
  plan({ id: "cost-plus", name: "Cost plus", type: "usage", pricing: { basis: "markup", markupPercent: "30" } }),
  plan({
    id: "team",
    name: "Team",
    type: "subscription",
    monthlyFee: "500",
    allowance: { unit: "requests", amount: 1000 },
    overage: { basis: "requests", pricePerRequest: "0.01" },
  }),
  plan({
    id: "per-resolution",
    name: "Per resolution",
    type: "outcome",
    outcomePrices: [{ outcomeType: "resolved", price: "0.5" }],
  }),
];

const usage: CustomerPeriodUsage[] = [];
for (let c = 0; c < customers; c++) {
  const rows: CustomerPeriodUsage["usage"] = [];
  for (let d = 0; d < days; d++)
    for (let f = 0; f < 5; f++)
      for (const model of ["large", "small"])
        rows.push({
          day: addDays(from, d),
          feature: `feature-${f}`,
          model,
          requests: 3,
          tokens: { input: 1000, output: 100 },
          cost: usdToFemto("0.0123"),
        });
  usage.push({
    customer: `customer-${String(c).padStart(5, "0")}`,
    usage: rows,
    outcomes: [{ day: from, feature: "feature-0", outcomeType: "resolved", count: 3, value: 0n }],
  });
}
const assignments = [
  { customer: null, planId: "cost-plus", effectiveFrom: "2020-01-01" },
  ...usage.slice(0, 20).map((u) => ({ customer: u.customer, planId: "team", effectiveFrom: "2020-01-01" })),
];
const report = computeMargins({
  period: { from, to },
  customers: usage,
  plans,
  assignments,
  comparePlanIds: ["per-resolution"],
});
const answer = {
  groupBy: "customer" as const,
  costBasis: "loaded" as const,
  fullyLoaded: null,
  plans: plans.map((p) => ({ id: p.id, name: p.name, type: p.type, archived: false })),
  assignments,
  explanations: EXPLANATIONS,
  ...reportJson(report),
};
marginsWire.parse(JSON.parse(JSON.stringify(marginsToWire(answer))));

function time(run: () => unknown): { p50: number; p95: number } {
  for (let i = 0; i < 3; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

const bytes = JSON.stringify(answer).length;
const stringify = time(() => JSON.stringify(answer));
const mapping = time(() => marginsToWire(answer));
const fmt = (t: { p50: number; p95: number }) => `p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms`;
console.log(`report: ${customers} customers, ${days} days, ${(bytes / 1e6).toFixed(1)} MB of JSON`);
console.log(`baseline JSON.stringify(answer): ${fmt(stringify)}`);
console.log(`marginsToWire(answer):          ${fmt(mapping)}`);
console.log(`ratio mapping / stringify (p50): ${(mapping.p50 / stringify.p50).toFixed(2)}x`);

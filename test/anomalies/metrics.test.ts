import { describe, expect, it } from "vitest";
import { buildSeries, METRICS, seriesId, seriesKeys, type DailyAggregateRow } from "@/lib/anomalies/metrics";
import { describeAnomaly, formatMetricValue, seriesLabel } from "@/lib/anomalies/describe";
import { parseSeriesId } from "@/lib/anomalies/series-id";
import { usdToFemto } from "@/lib/money";
import type { Anomaly } from "@/lib/anomalies/types";

const rows: DailyAggregateRow[] = [
  {
    day: "2026-11-16",
    feature: "support-bot",
    customer: "acme",
    model: "claude-sonnet",
    events: 10,
    tokens: { input: 1000, cache_read: 3000, output: 500 },
    costFemto: usdToFemto("2.5"),
    costByClassFemto: { input: usdToFemto("0.3"), cache_read: usdToFemto("0.09"), output: usdToFemto("2.11") },
    outcomes: 0,
  },
  {
    day: "2026-11-16",
    feature: "support-bot",
    customer: "acme",
    model: null,
    events: 0,
    tokens: {},
    costFemto: 0n,
    outcomes: 4,
    outcomeType: "ticket_resolved",
  },
  {
    day: "2026-11-16",
    feature: "summarize",
    customer: "globex",
    model: "gpt-4o-mini",
    events: 5,
    tokens: { input: 2000, output: 100 },
    costFemto: usdToFemto("0.5"),
    outcomes: 0,
  },
  {
    day: "2026-11-18",
    feature: "support-bot",
    customer: "acme",
    model: "claude-sonnet",
    events: 2,
    tokens: { input: 100, output: 100 },
    costFemto: usdToFemto("0.1"),
    outcomes: 0,
  },
];

describe("metric definitions", () => {
  it("lists every metric the issue names, each with a formula", () => {
    expect(METRICS.map((m) => m.id)).toEqual(["cost", "cost_per_outcome", "tokens_per_request", "cache_hit_rate"]);
    expect(METRICS.find((m) => m.id === "cost")!.scopes).toEqual(["project", "feature", "customer", "model"]);
    expect(METRICS.every((m) => m.formula.length > 0)).toBe(true);
  });

  it("builds a cost series with exact dollars and zero on days without usage", () => {
    const series = buildSeries(rows, { metric: "cost" }, "2026-11-16", "2026-11-18");
    expect(series.points.map((p) => [p.day, p.value, p.dollars])).toEqual([
      ["2026-11-16", 3, usdToFemto("3")],
      ["2026-11-17", 0, 0n],
      ["2026-11-18", 0.1, usdToFemto("0.1")],
    ]);
  });

  it("derives cost per outcome, tokens per request and cache hit rate per scope", () => {
    const scope = { dimension: "feature" as const, value: "support-bot" };
    const perOutcome = buildSeries(
      rows,
      { metric: "cost_per_outcome", scope, outcomeType: "ticket_resolved" },
      "2026-11-16",
      "2026-11-18",
    );
    expect(perOutcome.points.map((p) => p.value)).toEqual([0.625, null, null]);
    expect(perOutcome.points[0]!.dollarsPerUnit).toBe(4);
    const tokens = buildSeries(rows, { metric: "tokens_per_request", scope }, "2026-11-16", "2026-11-16");
    expect(tokens.points[0]).toMatchObject({ value: 450, dollarsPerUnit: (10 * 2.5) / 4500 });
    const cache = buildSeries(rows, { metric: "cache_hit_rate", scope }, "2026-11-16", "2026-11-16");
    // input 0.0003 $/token, cache read 0.00003 $/token: one point of hit rate over 4000 prompt tokens saves 4000 x 0.00027
    expect(cache.points[0]!.value).toBe(0.75);
    expect(cache.points[0]!.dollarsPerUnit).toBeCloseTo(-4000 * 0.00027, 12);
    const mixed = buildSeries(rows, { metric: "cache_hit_rate" }, "2026-11-16", "2026-11-16");
    expect(mixed.points[0]!.dollarsPerUnit).toBeUndefined(); // one row has no cost split
  });

  it("prices a token-per-request change at token cost only, without the GPU time of the same rows", () => {
    const gpu: DailyAggregateRow[] = [
      {
        day: "2026-11-16",
        feature: "reindex",
        customer: "acme",
        model: "bge-m3",
        events: 1,
        tokens: {},
        costFemto: usdToFemto("20"),
        tokenCostFemto: 0n,
        outcomes: 0,
      },
      {
        day: "2026-11-16",
        feature: "reindex",
        customer: "acme",
        model: "llama",
        events: 9,
        tokens: { input: 900 },
        costFemto: usdToFemto("1.5"),
        tokenCostFemto: usdToFemto("0.9"),
        outcomes: 0,
      },
    ];
    const series = buildSeries(
      gpu,
      { metric: "tokens_per_request", scope: { dimension: "customer", value: "acme" } },
      "2026-11-16",
      "2026-11-16",
    );
    expect(series.points[0]).toMatchObject({ value: 90, dollarsPerUnit: (10 * 0.9) / 900 });
  });

  it("refuses a scope a metric does not have", () => {
    expect(() =>
      buildSeries(
        rows,
        { metric: "cost_per_outcome", scope: { dimension: "model", value: "x" }, outcomeType: "ticket_resolved" },
        "2026-11-16",
        "2026-11-16",
      ),
    ).toThrow(/no model scope/);
    expect(() => buildSeries(rows, { metric: "cost_per_outcome" }, "2026-11-16", "2026-11-16")).toThrow(
      /needs an outcome type/,
    );
  });

  it("selects series by spend, bounded per dimension, with stable ids", () => {
    const keys = seriesKeys(rows, { maxPerDimension: 1, minPeriodCost: usdToFemto("1") });
    expect(keys.map(seriesId)).toEqual([
      "cost",
      "cost|feature=support-bot",
      "cost|customer=acme",
      "cost|model=claude-sonnet",
      "cost_per_outcome/ticket_resolved",
      "cost_per_outcome/ticket_resolved|feature=support-bot",
      "cost_per_outcome/ticket_resolved|customer=acme",
      "tokens_per_request",
      "tokens_per_request|feature=support-bot",
      "tokens_per_request|customer=acme",
      "tokens_per_request|model=claude-sonnet",
      "cache_hit_rate",
      "cache_hit_rate|feature=support-bot",
      "cache_hit_rate|customer=acme",
      "cache_hit_rate|model=claude-sonnet",
    ]);
  });
});

describe("cost per outcome, per outcome type", () => {
  // support-bot resolves tickets, report-gen writes reports; acme uses both, globex only support-bot.
  const day = "2026-11-16";
  const usage = (feature: string, customer: string, cost: string): DailyAggregateRow => ({
    day,
    feature,
    customer,
    model: "m",
    events: 1,
    tokens: { input: 10 },
    costFemto: usdToFemto(cost),
    outcomes: 0,
  });
  const outcome = (feature: string, customer: string, outcomeType: string, outcomes: number): DailyAggregateRow => ({
    day,
    feature,
    customer,
    model: null,
    events: 0,
    tokens: {},
    costFemto: 0n,
    outcomes,
    outcomeType,
  });
  const mixed: DailyAggregateRow[] = [
    usage("support-bot", "acme", "6"),
    usage("support-bot", "globex", "2"),
    usage("report-gen", "acme", "30"),
    usage("search", "acme", "100"),
    outcome("support-bot", "acme", "ticket_resolved", 3),
    outcome("support-bot", "globex", "ticket_resolved", 1),
    outcome("report-gen", "acme", "report_generated", 2),
  ];
  const value = (key: Parameters<typeof buildSeries>[1]) => buildSeries(mixed, key, day, day).points[0]!;

  it("divides the cost of the features producing one outcome type by that type's outcomes only", () => {
    // $8 of support-bot over 4 tickets; report-gen's $30 and search's $100 produce no ticket.
    expect(value({ metric: "cost_per_outcome", outcomeType: "ticket_resolved" })).toMatchObject({
      value: 2,
      dollarsPerUnit: 4,
    });
    // $30 of report-gen over 2 reports: the tickets do not dilute it.
    expect(value({ metric: "cost_per_outcome", outcomeType: "report_generated" })).toMatchObject({
      value: 15,
      dollarsPerUnit: 2,
    });
    // All cost over all outcome types together would be $138 / 6 = $23: never computed.
    expect(value({ metric: "cost_per_outcome", outcomeType: "report_generated" }).value).not.toBe(23);
  });

  it("scopes by customer within the producing features", () => {
    expect(
      value({
        metric: "cost_per_outcome",
        outcomeType: "ticket_resolved",
        scope: { dimension: "customer", value: "acme" },
      }).value,
    ).toBe(2);
    expect(
      value({
        metric: "cost_per_outcome",
        outcomeType: "ticket_resolved",
        scope: { dimension: "customer", value: "globex" },
      }).value,
    ).toBe(2);
    expect(
      value({
        metric: "cost_per_outcome",
        outcomeType: "report_generated",
        scope: { dimension: "customer", value: "globex" },
      }).value,
    ).toBeNull();
  });

  it("watches one series per outcome type a scope produced (features by spend), with ids that parse back", () => {
    const ids = seriesKeys(mixed, { maxPerDimension: 10, minPeriodCost: 0n })
      .filter((key) => key.metric === "cost_per_outcome")
      .map(seriesId);
    expect(ids).toEqual([
      "cost_per_outcome/report_generated",
      "cost_per_outcome/ticket_resolved",
      "cost_per_outcome/report_generated|feature=report-gen",
      "cost_per_outcome/ticket_resolved|feature=support-bot",
      "cost_per_outcome/report_generated|customer=acme",
      "cost_per_outcome/ticket_resolved|customer=acme",
      "cost_per_outcome/ticket_resolved|customer=globex",
    ]);
    for (const id of ids) expect(seriesId(parseSeriesId(id)!)).toBe(id);
    expect(parseSeriesId("cost_per_outcome")).toBeNull(); // the old all-types series is no series any more
    expect(parseSeriesId(seriesId({ metric: "cost_per_outcome", outcomeType: "a|b=c/d" }))).toEqual({
      metric: "cost_per_outcome",
      outcomeType: "a|b=c/d",
    });
  });

  it("names the outcome type in labels and values", () => {
    expect(
      seriesLabel({
        metric: "cost_per_outcome",
        outcomeType: "ticket_resolved",
        scope: { dimension: "customer", value: "acme" },
      }),
    ).toBe("Cost per “ticket_resolved” of customer “acme”");
    expect(formatMetricValue("usd_per_outcome", 0.42, "ticket_resolved")).toBe("$0.4200 per ticket_resolved");
  });
});

describe("describeAnomaly", () => {
  const base: Anomaly = {
    key: { metric: "cost", scope: { dimension: "feature", value: "support-bot" } },
    day: "2026-11-17",
    kind: "spike",
    direction: "up",
    expected: 180,
    actual: 412,
    band: { low: 120, high: 240 },
    score: 9,
    dollarImpact: usdToFemto("232"),
    severity: "critical",
    provisional: false,
  };

  it("says what moved, when, by how much and who drove it", () => {
    const text = describeAnomaly(base, [
      {
        dimension: "customer",
        value: "acme",
        actual: usdToFemto("300"),
        expected: usdToFemto("90"),
        delta: usdToFemto("210"),
        share: 0.905,
        isNew: false,
        vanished: false,
      },
    ]);
    expect(text).toBe(
      "Cost of feature “support-bot” spiked to $412.00 on Tue 17 Nov, 2.3× the expected $180.00 (+$232.00 that day). Mostly customer “acme” (+$210.00, 91% of the change).",
    );
  });

  it("phrases drops, unit metrics and drifts", () => {
    expect(
      describeAnomaly({ ...base, kind: "drop", direction: "down", actual: 90, dollarImpact: usdToFemto("-90") }),
    ).toContain("dropped to $90.00 on Tue 17 Nov, -50% against the expected $180.00 (-$90.00 that day)");
    expect(
      describeAnomaly({
        ...base,
        key: { metric: "cache_hit_rate" },
        kind: "level_shift",
        direction: "down",
        expected: 0.8,
        actual: 0.4,
        dollarImpact: null,
      }),
    ).toBe(
      "Cache hit rate fell to a new level from Tue 17 Nov, three days in a row well below the expected: 40.0% that day, -50% against the expected 80.0%.",
    );
    expect(
      describeAnomaly({
        ...base,
        key: { metric: "cost" },
        kind: "drift",
        expected: 100,
        actual: 140,
        dollarImpact: usdToFemto("40"),
      }),
    ).toBe(
      "Total cost has been trending up for four weeks to Tue 17 Nov, a steady rise rather than one unusual day: $140.00 that day against a fitted $100.00 four weeks earlier (+40%) (+$40.00 a day).",
    );
  });
});

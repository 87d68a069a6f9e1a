import { describe, expect, it } from "vitest";
import { anomalySchema } from "@/lib/anomalies/contracts";
import type { StoredAnomaly } from "@/lib/anomalies/db/queries";
import { toWireAnomaly, toWireDetection } from "@/lib/anomalies/db/wire";
import { wireIncidents, wireSeriesKey } from "@/lib/anomalies/wire-incidents";
import { groupIncidents } from "@/lib/anomalies/incidents";
import { anomalyKey } from "@/lib/anomalies/series-id";

let ids = 0;
const stored = (overrides: Partial<StoredAnomaly>): StoredAnomaly => ({
  id: `a${++ids}`,
  seriesId: "cost",
  metric: "cost",
  dimension: null,
  dimensionValue: null,
  outcomeType: null,
  day: "2026-11-27",
  kind: "spike",
  direction: "up",
  expected: 100,
  actual: 400,
  bandLow: 80,
  bandHigh: 120,
  score: 9.5,
  dollarImpact: "300",
  severity: "high",
  rootCauses: [],
  description: "Cost rose",
  status: "open",
  provisional: false,
  detectedAt: "2026-11-28T01:00:00.000Z",
  updatedAt: "2026-11-28T01:00:00.000Z",
  statusChangedBy: null,
  statusChangedAt: null,
  ...overrides,
});
const cause = (dimension: "feature" | "customer" | "model", value: string, share: number) => ({
  dimension,
  value,
  actual: "310",
  expected: "10",
  delta: "300",
  share,
  isNew: true,
  vanished: false,
});

describe("the anomalies API's wire shape", () => {
  it("carries every stored field, snake_case, and passes its own schema", () => {
    const a = stored({
      seriesId: "cost_per_outcome/ticket_resolved|customer=acme",
      metric: "cost_per_outcome",
      dimension: "customer",
      dimensionValue: "acme",
      outcomeType: "ticket_resolved",
      rootCauses: [cause("feature", "agent", 0.9)],
      statusChangedBy: "finance@example.com",
      statusChangedAt: "2026-11-28T09:00:00.000Z",
    });
    const wire = toWireAnomaly(a);
    expect(anomalySchema.parse(wire)).toEqual(wire);
    expect(Object.keys(wire)).toHaveLength(Object.keys(a).length);
    expect(wire).toMatchObject({
      series_id: a.seriesId,
      dimension_value: "acme",
      outcome_type: "ticket_resolved",
      band_low: 80,
      band_high: 120,
      dollar_impact: "300",
      status_changed_by: "finance@example.com",
      status_changed_at: "2026-11-28T09:00:00.000Z",
      root_causes: [{ dimension: "feature", value: "agent", share: 0.9, is_new: true, vanished: false }],
    });
    expect(wireSeriesKey(wire)).toEqual(anomalyKey(a));
  });

  it("groups wire anomalies into the same incidents as the stored ones", () => {
    const day = [
      stored({ severity: "high", dollarImpact: "900", rootCauses: [cause("customer", "rakor", 0.8)] }),
      stored({ dimension: "customer", dimensionValue: "rakor", severity: "critical", dollarImpact: "880" }),
      stored({ dimension: "feature", dimensionValue: "search", severity: "medium", dollarImpact: "40" }),
      stored({ day: "2026-11-26", severity: "low", dollarImpact: "-20", direction: "down", kind: "drop" }),
    ];
    const ids = (incidents: { id: string; members: { id: string }[] }[]) =>
      incidents.map((incident) => [incident.id, incident.members.map((member) => member.id)]);
    const fromWire = wireIncidents(day.map(toWireAnomaly));
    expect(ids(fromWire)).toEqual(ids(groupIncidents(day)));
    expect(fromWire).toHaveLength(3);
    expect(fromWire[0]!.lead).toEqual(toWireAnomaly(day[1]!));
  });

  it("answers a detection run without its domain names", () => {
    expect(toWireDetection(null)).toEqual({ ran: false });
    const run = { projectId: "p1", day: "2026-11-27", from: "2026-07-31", seriesCount: 12, found: 2, created: 1 };
    expect(toWireDetection({ ...run, updated: 1, removed: 0, anomalies: [] })).toEqual({
      ran: true,
      project_id: "p1",
      day: "2026-11-27",
      from: "2026-07-31",
      series_count: 12,
      found: 2,
      created: 1,
      updated: 1,
      removed: 0,
    });
  });
});

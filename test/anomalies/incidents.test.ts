import { describe, expect, it } from "vitest";
import { groupIncidents, type IncidentMember } from "@/lib/anomalies/incidents";

let ids = 0;
const anomaly = (overrides: Partial<IncidentMember>): IncidentMember => ({
  id: `a${++ids}`,
  day: "2026-11-27",
  metric: "cost",
  dimension: null,
  dimensionValue: null,
  severity: "medium",
  dollarImpact: "10",
  rootCauses: [],
  ...overrides,
});
const cause = (dimension: "feature" | "customer" | "model", value: string, share = 0.8) => ({
  dimension,
  value,
  share,
});

describe("groupIncidents", () => {
  it("makes one incident of one spike seen in six series, led by its most severe cost series", () => {
    const spike = [
      anomaly({
        severity: "high",
        dollarImpact: "900",
        rootCauses: [cause("customer", "rakor-labs"), cause("feature", "agent"), cause("model", "gpt-5")],
      }),
      anomaly({
        dimension: "customer",
        dimensionValue: "rakor-labs",
        severity: "critical",
        dollarImpact: "880",
        rootCauses: [cause("feature", "agent"), cause("model", "gpt-5")],
      }),
      anomaly({
        dimension: "feature",
        dimensionValue: "agent",
        severity: "high",
        dollarImpact: "870",
        rootCauses: [cause("customer", "rakor-labs")],
      }),
      anomaly({
        dimension: "model",
        dimensionValue: "gpt-5",
        severity: "high",
        dollarImpact: "860",
        rootCauses: [cause("customer", "rakor-labs", 0.9)],
      }),
      anomaly({
        metric: "tokens_per_request",
        dimension: "customer",
        dimensionValue: "rakor-labs",
        severity: "critical",
        dollarImpact: "400",
      }),
      anomaly({
        metric: "tokens_per_request",
        dimension: "feature",
        dimensionValue: "agent",
        severity: "medium",
        dollarImpact: "300",
        rootCauses: [cause("customer", "rakor-labs")],
      }),
    ];
    const unrelated = [
      anomaly({ dimension: "customer", dimensionValue: "acme", severity: "low", dollarImpact: "20" }),
      anomaly({
        dimension: "customer",
        dimensionValue: "rakor-labs",
        day: "2026-11-20",
        severity: "medium",
        dollarImpact: "50",
      }),
      anomaly({
        metric: "cache_hit_rate",
        dimension: "model",
        dimensionValue: "gpt-5",
        severity: "notable",
        dollarImpact: "-30",
        rootCauses: [cause("customer", "rakor-labs", 0.1)],
      }),
    ];
    const incidents = groupIncidents([...unrelated, ...spike]);
    expect(incidents).toHaveLength(3);
    const [first, second, third] = incidents;
    expect(first!.lead).toBe(spike[1]);
    expect(first!.severity).toBe("critical");
    expect(first!.members.map((member) => member.id).sort()).toEqual(
      [...spike, unrelated[2]!].map((member) => member.id).sort(),
    );
    expect(second!.lead).toBe(unrelated[1]);
    expect(third!.lead).toBe(unrelated[0]);
  });

  it("ranks adverse incidents above improvements, then by dollar impact, and keeps days apart", () => {
    const improvement = anomaly({
      severity: "notable",
      dollarImpact: "-5000",
      direction: "down",
    } as Partial<IncidentMember>);
    const smallRise = anomaly({ day: "2026-11-26", severity: "low", dollarImpact: "12" });
    const bigRise = anomaly({ day: "2026-11-25", severity: "low", dollarImpact: "40" });
    const incidents = groupIncidents([improvement, smallRise, bigRise]);
    expect(incidents.map((incident) => incident.lead)).toEqual([bigRise, smallRise, improvement]);
    expect(groupIncidents([])).toEqual([]);
  });
});

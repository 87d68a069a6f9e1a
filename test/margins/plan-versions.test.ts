import { describe, expect, it } from "vitest";
import { nextBillingPeriodStart, versionSegments, type PlanVersion } from "@/lib/margins/plan-versions";
import { markupPlan, outcomePlan } from "./fixtures";

const v = (version: number, effectiveFrom: string | null, plan = markupPlan): PlanVersion => ({
  planId: "markup",
  version,
  effectiveFrom,
  plan,
});

describe("versionSegments", () => {
  it("cuts a span where each version takes over, the latest start winning", () => {
    const later = { ...markupPlan, name: "v2" };
    const latest = { ...markupPlan, name: "v3" };
    expect(
      versionSegments("markup", { from: "2026-02-20", to: "2026-04-10" }, outcomePlan, [
        v(1, null),
        v(2, "2026-03-01", later),
        v(3, "2026-04-05", latest),
      ]),
    ).toEqual([
      { plan: markupPlan, from: "2026-02-20", to: "2026-02-28" },
      { plan: later, from: "2026-03-01", to: "2026-04-04" },
      { plan: latest, from: "2026-04-05", to: "2026-04-10" },
    ]);
  });

  it("keeps a later-starting version in force over a newer, earlier-starting one; same start: the newer wins", () => {
    const future = { ...markupPlan, name: "future" };
    const backdated = { ...markupPlan, name: "backdated" };
    const sameDay = { ...markupPlan, name: "same day" };
    const segments = versionSegments("markup", { from: "2026-01-01", to: "2026-03-31" }, outcomePlan, [
      v(1, null),
      v(2, "2026-03-01", future),
      v(3, "2026-02-01", backdated),
      v(4, "2026-03-01", sameDay),
    ]);
    expect(segments.map((s) => [s.plan!.name, s.from, s.to])).toEqual([
      [markupPlan.name, "2026-01-01", "2026-01-31"],
      ["backdated", "2026-02-01", "2026-02-28"],
      ["same day", "2026-03-01", "2026-03-31"],
    ]);
  });

  it("uses the plan as given when it has no versions", () => {
    expect(versionSegments("other", { from: "2026-01-01", to: "2026-01-31" }, outcomePlan, [v(1, null)])).toEqual([
      { plan: outcomePlan, from: "2026-01-01", to: "2026-01-31" },
    ]);
  });
});

describe("nextBillingPeriodStart", () => {
  it("is the first day of the next month, across a year end", () => {
    expect(nextBillingPeriodStart("2026-03-01")).toBe("2026-04-01");
    expect(nextBillingPeriodStart("2026-12-31")).toBe("2027-01-01");
  });
});

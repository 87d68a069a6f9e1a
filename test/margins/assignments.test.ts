import { describe, expect, it } from "vitest";
import {
  customersWithOverrides,
  parseAssignments,
  planOn,
  planSpans,
  type PlanAssignment,
} from "@/lib/margins/assignments";
import { MARCH } from "./fixtures";

const assignments: PlanAssignment[] = [
  { customer: null, planId: "usage", effectiveFrom: "2026-01-01" },
  { customer: null, planId: "usage-v2", effectiveFrom: "2026-03-20" },
  { customer: "acme", planId: "sub", effectiveFrom: "2026-03-10" },
  { customer: "acme", planId: null, effectiveFrom: "2026-03-25" },
  { customer: "beta", planId: "outcomes", effectiveFrom: "2026-02-01" },
];

describe("plan assignments", () => {
  it("prefers a customer's override to the default, even a later default", () => {
    expect(planOn(assignments, "beta", "2026-03-30")).toBe("outcomes");
    expect(planOn(assignments, "zed", "2026-03-19")).toBe("usage");
    expect(planOn(assignments, "zed", "2026-03-20")).toBe("usage-v2");
    expect(planOn(assignments, "zed", "2025-12-31")).toBeNull();
  });

  it("splits a period into spans at every change that concerns the customer", () => {
    // acme: default until 03-09, override 03-10..03-24, back to the default (now v2) from 03-25
    expect(planSpans(assignments, "acme", MARCH)).toEqual([
      { planId: "usage", from: "2026-03-01", to: "2026-03-09" },
      { planId: "sub", from: "2026-03-10", to: "2026-03-24" },
      { planId: "usage-v2", from: "2026-03-25", to: "2026-03-31" },
    ]);
    // beta's override hides the default change on 03-20, so the spans merge
    expect(planSpans(assignments, "beta", MARCH)).toEqual([
      { planId: "outcomes", from: "2026-03-01", to: "2026-03-31" },
    ]);
    expect(planSpans([], "x", MARCH)).toEqual([{ planId: null, from: "2026-03-01", to: "2026-03-31" }]);
  });

  it("lists the customers with an override in effect", () => {
    expect(customersWithOverrides(assignments, MARCH)).toEqual(["acme", "beta"]);
    expect(customersWithOverrides(assignments, { from: "2026-01-01", to: "2026-01-31" })).toEqual([]);
  });

  it("validates assignments and names the field", () => {
    const result = parseAssignments([
      { customer: "acme", planId: "a", effectiveFrom: "2026-02-30" },
      { customer: null, planId: "a", effectiveFrom: "2026-01-01" },
      { customer: null, planId: "b", effectiveFrom: "2026-01-01" },
      { customer: "", planId: "", effectiveFrom: "2026-01-01" },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: "[0].effectiveFrom", message: "effectiveFrom must be a date written YYYY-MM-DD" },
        {
          path: "[2].effectiveFrom",
          message: "[1] already assigns a plan to the same project default from 2026-01-01",
        },
        { path: "[3].customer", message: "customer must not be empty" },
        { path: "[3].planId", message: "planId must not be empty" },
      ],
    });
  });
});

import { describe, expect, it } from "vitest";
import { budgetInputSchema } from "@/lib/budgets/schema";

const issues = (value: unknown) => {
  const result = budgetInputSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
};

describe("budget input", () => {
  it("refuses a custom period longer than any read supports, naming to", () => {
    expect(issues({ name: "x", period: "custom", from: "2001-01-01", to: "2099-03-01", amount: "5" })).toEqual([
      ["to", "a period of at most 731 days (this one has 35854)"],
    ]);
    expect(issues({ name: "x", period: "custom", from: "2026-01-01", to: "2026-12-31", amount: "5" })).toEqual([]);
  });

  it("names an unknown field instead of describing the whole object", () => {
    expect(issues({ name: "x", period: "month", amount: "5", colour: "red" })).toEqual([
      ["", 'Unrecognized key: "colour"'],
    ]);
    expect(issues({ name: "x", period: "month", amount: "5", scope: { team: "a" } })).toEqual([
      ["scope", 'Unrecognized key: "team"'],
    ]);
    expect(issues("x")).toEqual([["", "a JSON object describing the budget"]]);
  });

  it("reports a malformed day once, without a second complaint about the order", () => {
    expect(issues({ name: "x", period: "custom", from: "20260101", to: "2026-02-01", amount: "5" })).toEqual([
      ["from", "a day as YYYY-MM-DD"],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { weeklyMargin } from "@/lib/digest/db/margin";
import { buildView } from "@/lib/digest/view-model";
import { createPlan } from "@/lib/margins/db/plans-repo";
import { replaceAssignments } from "@/lib/margins/db/assignments-repo";
import { usdToFemto } from "@/lib/money";
import { useTestDatabase } from "../support/database";
import { createMarginTenant, insertUsage } from "../margins/db/support";
import { digestFixture } from "./fixture";

const db = useTestDatabase();
const thisWeek = { from: "2026-03-09", to: "2026-03-15" };
const lastWeek = { from: "2026-03-02", to: "2026-03-08" };

describe("the digest's margin", () => {
  it("is absent for a project that prices no customer", async () => {
    const t = await createMarginTenant(db);
    await insertUsage(db, t.projectId, [
      { day: "2026-03-10", customer: "acme", feature: "chat", model: "m", cost: "10" },
    ]);
    expect(await weeklyMargin(db.pool, t.projectId, thisWeek, lastWeek)).toBeUndefined();
  });

  it("is the week's margin on fully loaded cost, with usage cost beside it", async () => {
    const t = await createMarginTenant(db);
    await insertUsage(db, t.projectId, [
      { day: "2026-03-10", customer: "acme", feature: "chat", model: "m", cost: "10" },
      { day: "2026-03-03", customer: "acme", feature: "chat", model: "m", cost: "4" },
    ]);
    await createPlan(db, t.projectId, t.users.finance, {
      id: "markup",
      name: "Cost plus 50%",
      type: "usage",
      pricing: { basis: "markup", markupPercent: "50" },
    });
    await replaceAssignments(db, t.projectId, t.users.finance, [
      { customer: null, planId: "markup", effectiveFrom: "2026-01-01" },
    ]);
    // A $310 monthly platform fee: 7 of March's 31 days = $70 this week, all on acme's usage.
    await db.pool.query(
      "INSERT INTO fixed_costs (project_id, name, monthly_amount, rule, effective_from) VALUES ($1, 'Platform', 310, 'proportional', '2026-03-01')",
      [t.projectId],
    );
    const margin = await weeklyMargin(db.pool, t.projectId, thisWeek, lastWeek);
    expect(margin).toEqual({
      thisWeek: usdToFemto("-65"), // 15 revenue − (10 + 70)
      lastWeek: usdToFemto("-68"), // 6 − (4 + 70)
      revenueThisWeek: usdToFemto("15"),
      revenueLastWeek: usdToFemto("6"),
      costThisWeek: { usage: usdToFemto("10"), loaded: usdToFemto("80") },
    });
    const view = buildView({ ...digestFixture(), margin });
    expect(view.margin?.costs).toBe("on fully loaded cost $80.00 (usage cost $10.00 + idle GPU time and fixed costs)");
  });
});

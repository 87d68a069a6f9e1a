import { beforeAll, describe, expect, it } from "vitest";
import { prefetchPricing } from "@/app/o/[org]/p/[project]/pricing/prefetch";
import { marginOptionsAnswer, marginsAnswer } from "@/lib/margins/db/answers";
import { createPlan } from "@/lib/margins/db/plans-repo";
import { marginKeys } from "@/lib/query/margin-keys";
import { marginOptionsToWire, marginOptionsWire, marginsToWire, marginsWire, plansListWire } from "@/lib/margins/wire";
import { useTestDatabase as testDatabase } from "../../support/database";
import { createMarginTenant, insertUsage, type MarginTenant } from "./support";

/**
 * The pricing page's server prefetch hands over what its first view shows and nothing more: the
 * margins view gets the plans and the report (equal to the API's snake_case answer, parsed by the
 * hooks' wire schemas), not the plan editor's
 * and simulator's options, which would only keep the embedded database busy before the page.
 */
const db = testDatabase();
let t: MarginTenant;
const period = { from: "2026-03-01", to: "2026-03-31" };

beforeAll(async () => {
  t = await createMarginTenant(db);
  await insertUsage(db, t.projectId, [
    { day: "2026-03-02", customer: "acme", feature: "chat", model: "claude-sonnet-4-5", input: 1_000_000, cost: "3" },
  ]);
  await createPlan(db, t.projectId, null, {
    id: "per-resolution",
    name: "Per resolution",
    type: "outcome",
    outcomePrices: [{ outcomeType: "ticket_resolved", price: "0.99" }],
  });
});

const keysOf = (state: Awaited<ReturnType<typeof prefetchPricing>>) =>
  state.queries.map((query) => JSON.stringify(query.queryKey)).sort();

describe("prefetchPricing", () => {
  it("on the margins view: the plans and the report with its compared plan, no options", async () => {
    const state = await prefetchPricing(db, { projectId: t.projectId, period, tab: "margins", plan: undefined });
    expect(keysOf(state)).toEqual(
      [marginKeys.plans(t.projectId), marginKeys.report(t.projectId, period, "per-resolution")]
        .map((key) => JSON.stringify(key))
        .sort(),
    );
    const report = state.queries.find((query) => query.queryKey.includes("report"))!.state.data;
    const answer = await marginsAnswer(db, t.projectId, period, {
      groupBy: "customer",
      costBasis: "loaded",
      comparePlanId: "per-resolution",
    });
    // As the page's hook asks for it: without each customer's per-feature rows.
    expect(report).toEqual(JSON.parse(JSON.stringify(marginsToWire(answer, { customerFeatures: false }))));
    expect(marginsWire.parse(report)).toEqual(report);
    const plans = state.queries.find((query) => query.queryKey.includes("plans"))!.state.data;
    expect(plansListWire.parse(plans).plans[0]!.definition).toMatchObject({
      outcome_prices: [{ outcome_type: "ticket_resolved" }],
    });
  });

  it("on the plans and simulator views: the plans and the options, no report", async () => {
    for (const tab of ["plans", "simulator"] as const) {
      const state = await prefetchPricing(db, { projectId: t.projectId, period, tab, plan: undefined });
      expect(keysOf(state), tab).toEqual(
        [marginKeys.plans(t.projectId), marginKeys.options(t.projectId, period)]
          .map((key) => JSON.stringify(key))
          .sort(),
      );
      const options = state.queries.find((query) => query.queryKey.includes("options"))!.state.data;
      const answer = marginOptionsToWire(await marginOptionsAnswer(db, t.projectId, period));
      expect(options).toEqual(JSON.parse(JSON.stringify(answer)));
      expect(marginOptionsWire.parse(options)).toEqual(options);
    }
  });
});

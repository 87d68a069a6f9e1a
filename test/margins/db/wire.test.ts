import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { resetEnvForTests } from "@/lib/env";
import * as margins from "@/app/api/v1/margins/route";
import * as options from "@/app/api/v1/margins/options/route";
import * as closedMonths from "@/app/api/v1/margins/closed-months/route";
import * as plans from "@/app/api/v1/plans/route";
import * as plan from "@/app/api/v1/plans/[id]/route";
import * as versions from "@/app/api/v1/plans/[id]/versions/route";
import * as assignments from "@/app/api/v1/plans/assignments/route";
import * as importRoute from "@/app/api/v1/revenue/import/route";
import * as imports from "@/app/api/v1/revenue/imports/route";
import * as scenarios from "@/app/api/v1/scenarios/route";
import * as scenario from "@/app/api/v1/scenarios/[id]/route";
import * as run from "@/app/api/v1/scenarios/run/route";
import * as compare from "@/app/api/v1/scenarios/compare/route";
import * as fixedCosts from "@/app/api/v1/fixed-costs/route";
import {
  assignmentsWire,
  closedMonthsWire,
  comparisonWire,
  fixedCostAnswerWire,
  fixedCostsWire,
  importAnswerWire,
  importRejectionOf,
  importsWire,
  marginOptionsWire,
  marginsWire,
  monthClosedWire,
  planAnswerWire,
  planEditWire,
  plansListWire,
  planVersionsWire,
  scenarioAnswerWire,
  scenarioReplayWire,
  scenariosListWire,
  simulationWire,
} from "@/lib/margins/wire";
import { useTestDatabase as testDatabase } from "../../support/database";
import { call, createMarginTenant, insertOutcomes, insertUsage, SECRET, type MarginTenant } from "./support";

/**
 * Every margins-domain endpoint answers snake_case JSON that its wire schema parses whole (no
 * field the schema would drop), on a database seeded so that every list in the answers has rows;
 * and a camelCase body field is refused with an error naming it.
 */
const db = testDatabase();
let t: MarginTenant;
const project = () => `project=${t.projectId}`;
const march = () => `${project()}&from=2026-03-01&to=2026-03-31`;

const subscription = {
  id: "team",
  name: "Team",
  type: "subscription",
  monthly_fee: "100",
  allowance: { unit: "requests", amount: 1 },
  overage: { basis: "tokens", rates: [{ token_class: "input", price_per_million: "5" }] },
};
const perOutcome = {
  id: "per-resolution",
  name: "Per resolution",
  type: "outcome",
  outcome_prices: [{ outcome_type: "ticket_resolved", price: "0.99" }],
};
/** The other shapes a plan takes, so the plans list parses each of them. */
const otherShapes = [
  {
    id: "hybrid",
    name: "Hybrid",
    type: "hybrid",
    monthly_fee: "50",
    outcome_prices: [{ outcome_type: "ticket_resolved", price: "0.5" }],
    usage: { basis: "markup", markup_percent: "-10.5" },
  },
  { id: "per-request", name: "Per request", type: "usage", pricing: { basis: "requests", price_per_request: "0.01" } },
  {
    id: "cost-cap",
    name: "Cost cap",
    type: "subscription",
    monthly_fee: "10",
    allowance: { unit: "cost", amount: "2.5" },
  },
];
const moveToHaiku = {
  name: "Chat on Haiku",
  changes: [
    { kind: "move_feature_model", feature: "chat", from_model: "claude-sonnet-4-5", to_model: "claude-haiku-4-5" },
    { kind: "set_outcome_price", plan_id: "per-resolution", outcome_type: "ticket_resolved", price: "1.50" },
  ],
};

/** Every object key anywhere in a JSON value, with its path. */
function keysOf(value: unknown, path = "", out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item, index) => keysOf(item, `${path}[${index}]`, out));
  else if (value !== null && typeof value === "object")
    for (const [key, item] of Object.entries(value)) {
      out.push(`${path}.${key}`);
      keysOf(item, `${path}.${key}`, out);
    }
  return out;
}

/** The answer is snake_case all the way down, and its schema parses it without dropping a field. */
function expectWire(json: unknown, schema: z.ZodType): void {
  const keys = keysOf(json);
  expect(keys.length).toBeGreaterThan(0);
  expect(keys.filter((path) => !/^[a-z0-9_]+$/.test(path.slice(path.lastIndexOf(".") + 1)))).toEqual([]);
  expect(schema.parse(json)).toEqual(json);
}

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  resetEnvForTests();
  t = await createMarginTenant(db);
  await insertUsage(db, t.projectId, [
    { day: "2026-03-02", customer: "acme", feature: "chat", model: "claude-sonnet-4-5", input: 1_000_000, cost: "3" },
    { day: "2026-03-03", customer: "acme", feature: "chat", model: "claude-sonnet-4-5", input: 500_000, cost: "1.5" },
    { day: "2026-03-04", customer: "beta", feature: "chat", model: "claude-sonnet-4-5", input: 10_000, cost: "200" },
  ]);
  await insertOutcomes(db, t.projectId, [
    { day: "2026-03-02", customer: "acme", feature: "chat", type: "ticket_resolved", quantity: "4" },
    { day: "2026-03-04", customer: "beta", feature: "chat", type: "ticket_resolved", quantity: "1" },
  ]);
});

describe("plans, versions and assignments", () => {
  it("create, edit, list, version and assign in snake_case", async () => {
    const created = await call(plans.POST, `/api/v1/plans?${project()}`, { as: t.users.finance, json: subscription });
    expect(created.status).toBe(201);
    expectWire(created.json, planAnswerWire);
    expect(created.json.plan.definition.overage.rates[0]).toEqual({ token_class: "input", price_per_million: "5" });
    expect(
      (await call(plans.POST, `/api/v1/plans?${project()}`, { as: t.users.finance, json: perOutcome })).status,
    ).toBe(201);
    for (const shape of otherShapes)
      expect((await call(plans.POST, `/api/v1/plans?${project()}`, { as: t.users.finance, json: shape })).status).toBe(
        201,
      );
    const edited = await call(plan.PUT, `/api/v1/plans/team?${project()}`, {
      as: t.users.finance,
      method: "PUT",
      json: { ...subscription, monthly_fee: "120" },
      params: { id: "team" },
    });
    expect(edited.status).toBe(200);
    expectWire(edited.json, planEditWire);
    const listed = await call(plans.GET, `/api/v1/plans?${project()}`, { key: t.readKey });
    expectWire(listed.json, plansListWire);
    expect(listed.json.plans.map((p: { definition: unknown }) => p.definition).slice(2)).toEqual(otherShapes);
    expectWire(
      (await call(plan.GET, `/api/v1/plans/team?${project()}`, { key: t.readKey, params: { id: "team" } })).json,
      planAnswerWire,
    );
    const versionList = await call(versions.GET, `/api/v1/plans/team/versions?${project()}`, {
      key: t.readKey,
      params: { id: "team" },
    });
    expectWire(versionList.json, planVersionsWire);
    expect(versionList.json.versions.map((v: { effective_from: string | null }) => v.effective_from)[0]).toBeNull();
    const assigned = await call(assignments.PUT, `/api/v1/plans/assignments?${project()}`, {
      as: t.users.finance,
      method: "PUT",
      json: {
        assignments: [
          { customer: null, plan_id: "team", effective_from: "2026-01-01" },
          { customer: "beta", plan_id: "per-resolution", effective_from: "2026-03-01" },
        ],
      },
    });
    expect(assigned.status).toBe(200);
    expectWire(assigned.json, assignmentsWire);
    expectWire(
      (await call(assignments.GET, `/api/v1/plans/assignments?${project()}`, { key: t.readKey })).json,
      assignmentsWire,
    );
  });

  it("refuses camelCase fields by name, and names snake_case fields in domain errors", async () => {
    const camelPlan = await call(plans.POST, `/api/v1/plans?${project()}`, {
      as: t.users.finance,
      json: { ...perOutcome, id: "camel", outcome_prices: [{ outcomeType: "ticket_resolved", price: "1" }] },
    });
    expect([camelPlan.status, camelPlan.json.error.message]).toEqual([
      400,
      "outcome_prices[0].outcomeType: unknown field; fields are snake_case, like outcome_type",
    ]);
    const badRate = await call(plans.POST, `/api/v1/plans?${project()}`, {
      as: t.users.finance,
      json: { ...subscription, id: "bad-rate", overage: { basis: "tokens", rates: [{ price_per_million: "x" }] } },
    });
    expect(badRate.json.error.message).toMatch(/^overage\.rates\[0\]\.price_per_million: price_per_million must be/);
    const camelAssignment = await call(assignments.PUT, `/api/v1/plans/assignments?${project()}`, {
      as: t.users.finance,
      method: "PUT",
      json: { assignments: [{ customer: null, planId: "team", effective_from: "2026-01-01" }] },
    });
    expect([camelAssignment.status, camelAssignment.json.error.message]).toEqual([
      400,
      "assignments[0].planId: unknown field; fields are snake_case, like plan_id",
    ]);
    const unknownPlan = await call(assignments.PUT, `/api/v1/plans/assignments?${project()}`, {
      as: t.users.finance,
      method: "PUT",
      json: { assignments: [{ customer: "bigCo", plan_id: "nope", effective_from: "2026-01-01" }] },
    });
    expect(unknownPlan.json.error.message).toBe('assignments[0].plan_id: no plan with id "nope"');
  });
});

describe("margins report, options and closed months", () => {
  it("answers the report, its options and a scenario replay in snake_case", async () => {
    const report = await call(margins.GET, `/api/v1/margins?${march()}&plan=per-resolution`, { key: t.readKey });
    expect(report.status).toBe(200);
    expectWire(report.json, marginsWire);
    // The seed makes every list of the report non-empty, so the walk above reached each of them.
    for (const list of ["customers", "features", "comparisons", "distribution", "loss_making", "outcomes"])
      expect(report.json[list].length, list).toBeGreaterThan(0);
    expect(report.json.customers[0].revenue_lines.length).toBeGreaterThan(0);
    expect(report.json.customers[0].allowances.length).toBeGreaterThan(0);
    expectWire(
      (await call(options.GET, `/api/v1/margins/options?${march()}`, { key: t.readKey })).json,
      marginOptionsWire,
    );
  });

  it("closes a month and lists closed months in snake_case", async () => {
    const closed = await call(closedMonths.POST, `/api/v1/margins/closed-months?${project()}`, {
      as: t.users.finance,
      json: { month: "2026-03" },
    });
    expect(closed.status).toBe(201);
    expectWire(closed.json, monthClosedWire);
    const listed = await call(closedMonths.GET, `/api/v1/margins/closed-months?${project()}`, { key: t.readKey });
    expectWire(listed.json, closedMonthsWire);
    const camel = await call(closedMonths.POST, `/api/v1/margins/closed-months?${project()}`, {
      as: t.users.finance,
      json: { month: "2026-02", closedBy: "me" },
    });
    expect([camel.status, camel.json.error.message]).toEqual([
      400,
      '(root): unknown field "closedBy"; fields are snake_case, like closed_by',
    ]);
  });
});

describe("scenarios", () => {
  it("saves, lists, runs, replays and compares in snake_case", async () => {
    const saved = await call(scenarios.POST, `/api/v1/scenarios?${project()}`, {
      as: t.users.finance,
      json: moveToHaiku,
    });
    expect(saved.status).toBe(201);
    expectWire(saved.json, scenarioAnswerWire);
    const id: string = saved.json.scenario.id;
    expectWire(
      (await call(scenarios.GET, `/api/v1/scenarios?${project()}`, { key: t.readKey })).json,
      scenariosListWire,
    );
    const updated = await call(scenario.PUT, `/api/v1/scenarios/${id}?${project()}`, {
      as: t.users.finance,
      method: "PUT",
      json: { ...moveToHaiku, name: "Haiku" },
      params: { id },
    });
    expectWire(updated.json, scenarioAnswerWire);
    const ran = await call(run.POST, `/api/v1/scenarios/run?${project()}`, {
      key: t.readKey,
      json: { from: "2026-03-01", to: "2026-03-31", scenario_id: id },
    });
    expect(ran.status).toBe(200);
    expectWire(ran.json, simulationWire);
    const replay = await call(margins.GET, `/api/v1/margins?${march()}&scenario=${id}`, { key: t.readKey });
    expectWire(replay.json, scenarioReplayWire);
    const compared = await call(compare.POST, `/api/v1/scenarios/compare?${project()}`, {
      key: t.readKey,
      json: { from: "2026-03-01", to: "2026-03-31", ids: [id] },
    });
    expectWire(compared.json, comparisonWire);
  });

  it("refuses camelCase fields by name, in the body and inside the scenario", async () => {
    const camelId = await call(run.POST, `/api/v1/scenarios/run?${project()}`, {
      key: t.readKey,
      json: { scenarioId: "x" },
    });
    expect([camelId.status, camelId.json.error.message]).toEqual([
      400,
      '(root): unknown field "scenarioId"; fields are snake_case, like scenario_id',
    ]);
    const camelChange = await call(run.POST, `/api/v1/scenarios/run?${project()}`, {
      key: t.readKey,
      json: { scenario: { name: "x", changes: [{ kind: "set_markup", planId: "team", markup_percent: "1" }] } },
    });
    expect(camelChange.json.error.message).toBe(
      "scenario.changes[0].planId: unknown field; fields are snake_case, like plan_id",
    );
    const badSaved = await call(scenarios.POST, `/api/v1/scenarios?${project()}`, {
      as: t.users.finance,
      json: { name: "x", changes: [{ kind: "set_markup", plan_id: "team", markup_percent: "lots" }] },
    });
    expect(badSaved.json.error.message).toMatch(/^changes\[0\]\.markup_percent: markup_percent must be/);
  });
});

describe("revenue imports and fixed costs", () => {
  it("imports, rejects and lists in snake_case", async () => {
    const imported = await call(importRoute.POST, `/api/v1/revenue/import?${project()}`, {
      as: t.users.finance,
      json: { csv: "customer,month,revenue_usd\nacme,2026-02,10\n", filename: "feb.csv" },
    });
    expect(imported.status).toBe(201);
    expectWire(imported.json, importAnswerWire);
    const rejected = await call(importRoute.POST, `/api/v1/revenue/import?${project()}`, {
      as: t.users.finance,
      body: "customer,month,revenue_usd\nnobody,2026-01,5\n",
    });
    expect(rejected.status).toBe(422);
    expect(keysOf(rejected.json).filter((path) => /[A-Z]/.test(path))).toEqual([]);
    expect(importRejectionOf(rejected.json)).toMatchObject({ rows_read: 1, unknown_customers: ["nobody"] });
    expectWire((await call(imports.GET, `/api/v1/revenue/imports?${project()}`, { key: t.readKey })).json, importsWire);
    const camel = await call(importRoute.POST, `/api/v1/revenue/import?${project()}`, {
      as: t.users.finance,
      json: { csv: "customer,month,revenue_usd\n", confirmUnknownCustomers: ["nobody"] },
    });
    expect([camel.status, camel.json.error.message]).toEqual([
      400,
      'body: unknown field "confirmUnknownCustomers"; fields are snake_case, like confirm_unknown_customers',
    ]);
  });

  it("creates and lists fixed costs in snake_case, refusing camelCase", async () => {
    const created = await call(fixedCosts.POST, `/api/v1/fixed-costs?${project()}`, {
      as: t.users.finance,
      json: { name: "Platform fee", monthly_usd: "300", from_month: "2026-03" },
    });
    expect(created.status).toBe(201);
    expectWire(created.json, fixedCostAnswerWire);
    expectWire(
      (await call(fixedCosts.GET, `/api/v1/fixed-costs?${project()}`, { key: t.readKey })).json,
      fixedCostsWire,
    );
    const camel = await call(fixedCosts.POST, `/api/v1/fixed-costs?${project()}`, {
      as: t.users.finance,
      json: { name: "Fee", monthlyUsd: "1", from_month: "2026-03" },
    });
    expect(camel.status).toBe(400);
    expect(camel.json.error.message).toContain("monthlyUsd");
  });
});

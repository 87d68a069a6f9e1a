/**
 * The client hook modules' answer schemas against the real route handlers on a real database:
 * each answer the settings and budgets pages read parses, and parses to itself (the schema
 * declares every field the server sends, so nothing is silently dropped or left unchecked).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import * as alertChannels from "@/app/api/v1/alert-channels/route";
import * as alertChannel from "@/app/api/v1/alert-channels/[id]/route";
import * as channelDeliveries from "@/app/api/v1/alert-channels/[id]/deliveries/route";
import * as channelTest from "@/app/api/v1/alert-channels/[id]/test/route";
import * as alertPreferences from "@/app/api/v1/alert-preferences/route";
import * as budgets from "@/app/api/v1/budgets/route";
import * as budget from "@/app/api/v1/budgets/[id]/route";
import * as costs from "@/app/api/v1/costs/route";
import * as aliases from "@/app/api/v1/prices/aliases/route";
import * as catalog from "@/app/api/v1/prices/catalog/route";
import * as gpuIdle from "@/app/api/v1/prices/gpu-idle/route";
import * as gpuPools from "@/app/api/v1/prices/gpu-pools/route";
import * as gpuRates from "@/app/api/v1/prices/gpu-rates/route";
import * as history from "@/app/api/v1/prices/history/route";
import * as overrides from "@/app/api/v1/prices/overrides/route";
import * as overrideById from "@/app/api/v1/prices/overrides/[id]/route";
import * as reprice from "@/app/api/v1/prices/reprice/route";
import * as repricePreview from "@/app/api/v1/prices/reprice/preview/route";
import * as unpriced from "@/app/api/v1/prices/unpriced/route";
import { channelCreatedSchema } from "@/lib/alerts/contracts";
import { costsResponseSchema } from "@/lib/analytics/contracts";
import { resetEnvForTests } from "@/lib/env";
import {
  catalogPageSchema,
  gpuIdleSummarySchema,
  historySchema,
  overrideSchema,
  repricePreviewSchema,
} from "@/lib/pricing/contracts";
import {
  channelAnswer,
  channelsAnswer,
  deliveriesAnswer,
  preferenceAnswer,
  testAnswer,
} from "@/lib/query/hooks/alerts";
import { itemAnswer } from "@/lib/query/hooks/answers";
import { budgetAnswer, budgetsAnswer, dimensionValues } from "@/lib/query/hooks/budgets";
import {
  aliasesAnswer,
  gpuPoolsAnswer,
  gpuRatesAnswer,
  overridesAnswer,
  repriceAnswer,
  repriceRunsAnswer,
  unpricedAnswer,
} from "@/lib/query/hooks/prices";
import { ingest, usage } from "../analytics/support";
import { startReceivers, type Receivers } from "../alerts/receivers";
import { call, createMarginTenant, SECRET, type MarginTenant } from "../margins/db/support";
import { at, dayOf } from "../pricing/db/support";
import { useTestDatabase } from "../support/database";

const db = useTestDatabase();
let t: MarginTenant;
let rx: Receivers;

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  resetEnvForTests();
  rx = await startReceivers();
  t = await createMarginTenant(db);
  await ingest(db, t.projectId, [
    usage({ occurred_at: at(2), customer: "acme", feature: "bot", tokens: { input: 4_000_000 } }),
    usage({ occurred_at: at(2), customer: undefined, model: "house-model-v9", provider: "acme-labs" }),
    usage({
      occurred_at: at(2, 9),
      provider: "self-hosted",
      model: "llama-3.1-8b",
      tokens: { input: 5400, output: 230 },
      gpu: { seconds: 30, type: "H100", pool: "eu-1" },
    }),
  ]);
  return () => rx.close();
});

const url = (path: string) => `/api/v1/${path}?project=${t.projectId}`;

/** Parses a real answer and checks the parse changed nothing: every field is declared and kept. */
function expectExact<S extends z.ZodType>(
  schema: S,
  answer: { status: number; json: unknown },
  field?: string,
): z.infer<S> {
  expect(answer.status, JSON.stringify(answer.json)).toBeLessThan(300);
  const parsed = schema.safeParse(answer.json);
  expect(parsed.error).toBeUndefined();
  const json = answer.json as Record<string, unknown>;
  expect(parsed.data).toEqual(field ? json[field] : json);
  return parsed.data as z.infer<S>;
}

describe("price answers", () => {
  it("catalog, history, overrides, aliases, GPU rates and pools, unpriced models, re-pricing and GPU idle", async () => {
    const owner = t.users.owner;
    const page = expectExact(
      catalogPageSchema,
      await call(catalog.GET, url("prices/catalog") + "&limit=3", { as: owner }),
    );
    expect(page.items).toHaveLength(3);
    const entry = page.items[0]!;
    const dated = expectExact(
      historySchema,
      await call(history.GET, url("prices/history") + `&provider=${entry.provider}&model=${entry.model}`, {
        as: owner,
      }),
    );
    expect(dated.entries.length).toBeGreaterThan(0);

    const since = `${dayOf(10)}T00:00:00Z`;
    const overrideAnswer = itemAnswer("override", overrideSchema);
    const created = expectExact(
      overrideAnswer,
      await call(overrides.POST, url("prices/overrides"), {
        as: owner,
        json: { provider: "acme-labs", model: "house-model-v9", effective_from: since, usd_per_mtok: { input: "1.5" } },
      }),
      "override",
    );
    expectExact(
      overrideAnswer,
      await call(overrideById.PATCH, url("prices/overrides/x"), {
        as: owner,
        method: "PATCH",
        json: { markup_pct: "10", note: "house rate" },
        params: { id: created.id },
      }),
      "override",
    );
    expect(
      expectExact(overridesAnswer, await call(overrides.GET, url("prices/overrides"), { as: owner }), "overrides"),
    ).toHaveLength(1);

    await call(aliases.POST, url("prices/aliases"), { as: owner, json: { alias: "prod-4o", target_model: "gpt-4o" } });
    expect(
      expectExact(aliasesAnswer, await call(aliases.GET, url("prices/aliases"), { as: owner }), "aliases"),
    ).toHaveLength(1);
    await call(gpuRates.POST, url("prices/gpu-rates"), {
      as: owner,
      json: { gpu_type: "H100", effective_from: since, usd_per_gpu_hour: "3.17", note: null },
    });
    expect(
      expectExact(gpuRatesAnswer, await call(gpuRates.GET, url("prices/gpu-rates"), { as: owner }), "rates"),
    ).toHaveLength(1);
    await call(gpuPools.POST, url("prices/gpu-pools"), {
      as: owner,
      json: { name: "eu-1", gpu_type: "H100", gpu_count: 2, effective_from: since },
    });
    expect(
      expectExact(gpuPoolsAnswer, await call(gpuPools.GET, url("prices/gpu-pools"), { as: owner }), "pools"),
    ).toHaveLength(1);
    const models = expectExact(
      unpricedAnswer,
      await call(unpriced.GET, url("prices/unpriced"), { as: owner }),
      "models",
    );
    expect(models).toContainEqual(expect.objectContaining({ model: "house-model-v9", priced_now: true }));

    const scope = { from: dayOf(5), to: dayOf(0) };
    const preview = expectExact(
      itemAnswer("preview", repricePreviewSchema),
      await call(repricePreview.POST, url("prices/reprice/preview"), { as: owner, json: scope }),
      "preview",
    );
    expect(preview.by_model.length).toBeGreaterThan(0);
    const ran = expectExact(repriceAnswer, await call(reprice.POST, url("prices/reprice"), { as: owner, json: scope }));
    expect(ran.gpu_idle?.pool_days).toBeGreaterThan(0);
    expect(
      expectExact(repriceRunsAnswer, await call(reprice.GET, url("prices/reprice"), { as: owner }), "runs"),
    ).toEqual([expect.objectContaining({ id: ran.run.run_id, status: "succeeded" })]);
    const idle = expectExact(
      gpuIdleSummarySchema,
      await call(gpuIdle.GET, url("prices/gpu-idle") + `&from=${scope.from}&to=${scope.to}`, { as: owner }),
    );
    expect(idle.pools).toEqual([expect.objectContaining({ pool: "eu-1", gpu_type: "H100" })]);
  });

  it("a drifted answer (a field of the wrong type, a list under another name) is refused", () => {
    const row = { id: "1", alias: "a", provider: null, target_provider: null, target_model: "m", created_at: 5 };
    expect(aliasesAnswer.safeParse({ aliases: [row] }).success).toBe(false);
    expect(aliasesAnswer.safeParse({ rows: [] }).success).toBe(false);
  });
});

describe("budget and alert answers", () => {
  it("budgets: list with status, create, change, delete; scope pickers read /costs", async () => {
    const admin = t.users.admin;
    const created = expectExact(
      budgetAnswer,
      await call(budgets.POST, url("budgets"), {
        as: admin,
        json: { name: "Acme bot", period: "month", amount: "100.00", scope: { customer: "acme" } },
      }),
      "budget",
    );
    expectExact(
      budgetAnswer,
      await call(budget.PATCH, url("budgets/x"), {
        as: admin,
        method: "PATCH",
        json: { muted: true },
        params: { id: created.id },
      }),
      "budget",
    );
    const statuses = expectExact(budgetsAnswer, await call(budgets.GET, url("budgets"), { as: admin }), "budgets");
    expect(statuses).toEqual([
      expect.objectContaining({ budget: expect.objectContaining({ id: created.id, muted: true }) }),
    ]);
    expectExact(
      budgetAnswer,
      await call(budget.DELETE, url("budgets/x"), { as: admin, method: "DELETE", params: { id: created.id } }),
      "budget",
    );

    const customers = expectExact(
      costsResponseSchema,
      await call(costs.GET, url("costs") + "&range=90d&group_by=customer", { as: admin }),
    );
    // The event sent without a customer is a row ("" = not attributed), never a value to pick.
    expect(customers.rows.map((row) => row.key).sort()).toEqual(["", "acme"]);
    expect(dimensionValues(customers)).toEqual(["acme"]);
  });

  it("alert channels: create (secret once), list, test, delivery log, change, delete; the member's preference", async () => {
    const admin = t.users.admin;
    const created = expectExact(
      channelCreatedSchema,
      await call(alertChannels.POST, url("alert-channels"), {
        as: admin,
        json: { kind: "webhook", name: "Ops", target: rx.url("/client-layer-hook") },
      }),
    );
    expect(created.signing_secret).toMatch(/^whsec_/);
    const id = created.channel.id;
    expect(
      expectExact(channelsAnswer, await call(alertChannels.GET, url("alert-channels"), { as: admin }), "channels"),
    ).toHaveLength(1);
    const tested = expectExact(
      testAnswer,
      await call(channelTest.POST, url("alert-channels/x/test"), { as: admin, method: "POST", params: { id } }),
      "result",
    );
    expect(tested).toMatchObject({ ok: true, status_code: 200 });
    const log = expectExact(
      deliveriesAnswer,
      await call(channelDeliveries.GET, url("alert-channels/x/deliveries"), { as: admin, params: { id } }),
      "deliveries",
    );
    expect(log).toEqual([expect.objectContaining({ ok: true, attempt: 1 })]);
    expectExact(
      channelAnswer,
      await call(alertChannel.PATCH, url("alert-channels/x"), {
        as: admin,
        method: "PATCH",
        json: { muted: true },
        params: { id },
      }),
      "channel",
    );
    expectExact(
      channelAnswer,
      await call(alertChannel.DELETE, url("alert-channels/x"), { as: admin, method: "DELETE", params: { id } }),
      "channel",
    );

    const saved = expectExact(
      preferenceAnswer,
      await call(alertPreferences.PUT, url("alert-preferences"), {
        as: admin,
        method: "PUT",
        json: { budget_alerts: true, anomaly_min_severity: "high" },
      }),
      "preference",
    );
    expect(saved).toMatchObject({ budget_alerts: true, anomaly_min_severity: "high", disabled_reason: null });
    expect(
      expectExact(
        preferenceAnswer,
        await call(alertPreferences.GET, url("alert-preferences"), { as: admin }),
        "preference",
      ),
    ).toEqual(saved);
  });
});

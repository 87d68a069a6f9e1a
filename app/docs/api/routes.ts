/**
 * The API reference's registry: every route file under app/api/v1, imported as the module Next
 * serves, so the reference is generated from the very contracts the handlers parse with
 * (defineRoute attaches them) and cannot drift. test/api/docs-registry.test.ts checks that
 * every route file is listed here.
 */
import type { RouteContract } from "@/lib/api/route";
import * as events from "@/app/api/v1/events/route";
import * as eventsEventId from "@/app/api/v1/events/[event_id]/route";
import * as compare from "@/app/api/v1/compare/route";
import * as costs from "@/app/api/v1/costs/route";
import * as summary from "@/app/api/v1/summary/route";
import * as timeseries from "@/app/api/v1/timeseries/route";
import * as usageEvents from "@/app/api/v1/usage-events/route";
import * as pricesAliases from "@/app/api/v1/prices/aliases/route";
import * as pricesAliasesId from "@/app/api/v1/prices/aliases/[id]/route";
import * as pricesCatalog from "@/app/api/v1/prices/catalog/route";
import * as pricesGpuIdle from "@/app/api/v1/prices/gpu-idle/route";
import * as pricesGpuPools from "@/app/api/v1/prices/gpu-pools/route";
import * as pricesGpuPoolsRules from "@/app/api/v1/prices/gpu-pools/rules/route";
import * as pricesGpuPoolsId from "@/app/api/v1/prices/gpu-pools/[id]/route";
import * as pricesGpuRates from "@/app/api/v1/prices/gpu-rates/route";
import * as pricesGpuRatesId from "@/app/api/v1/prices/gpu-rates/[id]/route";
import * as pricesHistory from "@/app/api/v1/prices/history/route";
import * as pricesOverrides from "@/app/api/v1/prices/overrides/route";
import * as pricesOverridesId from "@/app/api/v1/prices/overrides/[id]/route";
import * as pricesReprice from "@/app/api/v1/prices/reprice/route";
import * as pricesRepricePreview from "@/app/api/v1/prices/reprice/preview/route";
import * as pricesResolve from "@/app/api/v1/prices/resolve/route";
import * as pricesUnpriced from "@/app/api/v1/prices/unpriced/route";
import * as budgets from "@/app/api/v1/budgets/route";
import * as budgetsCheck from "@/app/api/v1/budgets/check/route";
import * as budgetsId from "@/app/api/v1/budgets/[id]/route";
import * as budgetsIdStatus from "@/app/api/v1/budgets/[id]/status/route";
import * as alertChannels from "@/app/api/v1/alert-channels/route";
import * as alertChannelsId from "@/app/api/v1/alert-channels/[id]/route";
import * as alertChannelsIdDeliveries from "@/app/api/v1/alert-channels/[id]/deliveries/route";
import * as alertChannelsIdTest from "@/app/api/v1/alert-channels/[id]/test/route";
import * as alertPreferences from "@/app/api/v1/alert-preferences/route";
import * as fixedCosts from "@/app/api/v1/fixed-costs/route";
import * as fixedCostsId from "@/app/api/v1/fixed-costs/[id]/route";
import * as margins from "@/app/api/v1/margins/route";
import * as marginsClosedMonths from "@/app/api/v1/margins/closed-months/route";
import * as marginsCustomers from "@/app/api/v1/margins/customers/route";
import * as marginsOptions from "@/app/api/v1/margins/options/route";
import * as plans from "@/app/api/v1/plans/route";
import * as plansAssignments from "@/app/api/v1/plans/assignments/route";
import * as plansId from "@/app/api/v1/plans/[id]/route";
import * as plansIdVersions from "@/app/api/v1/plans/[id]/versions/route";
import * as revenueImport from "@/app/api/v1/revenue/import/route";
import * as revenueImports from "@/app/api/v1/revenue/imports/route";
import * as scenarios from "@/app/api/v1/scenarios/route";
import * as scenariosCompare from "@/app/api/v1/scenarios/compare/route";
import * as scenariosRun from "@/app/api/v1/scenarios/run/route";
import * as scenariosId from "@/app/api/v1/scenarios/[id]/route";
import * as anomalies from "@/app/api/v1/anomalies/route";
import * as anomaliesDetect from "@/app/api/v1/anomalies/detect/route";
import * as anomaliesSeries from "@/app/api/v1/anomalies/series/route";
import * as anomaliesId from "@/app/api/v1/anomalies/[id]/route";

/** The reference's sections, each with what holds for all its endpoints. */
export const API_GROUPS = {
  ingest: { title: "Ingestion", intro: "" },
  read: { title: "Read API", intro: "" },
  prices: {
    title: "Prices and GPU costs",
    intro:
      "Project price overrides (discounts, markups, private or fine-tuned models, effective-dated) and model aliases; dollars per GPU-hour by GPU type and reserved pools, whose idle time is allocated to the pool's events; catalog search; an audited, idempotent re-pricing of a period.",
  },
  budgets: {
    title: "Budgets",
    intro:
      "Budgets on the project or a slice (feature, customer, model, provider), per month, quarter or custom range; thresholds on actual and forecast spend; usage or fully loaded cost. Owners, admins and finance manage them.",
  },
  alerts: {
    title: "Alerts",
    intro:
      "Alert channels: email, Slack incoming webhook, or a signed webhook (InferLedger-Signature: t=…,v1=HMAC-SHA256 over “t.body”, 300 s replay window); send test; delivery log; each member's own alert emails.",
  },
  margins: {
    title: "Margins, plans, scenarios and revenue",
    intro:
      "Cost, revenue, gross margin and margin % by customer or feature under the assigned plan, a compared plan or a scenario. Pricing plans (usage-based, outcome-based, subscription, hybrid), the default plan and per-customer assignments with effective dates; saved what-if scenarios run on the real history; actual revenue per customer and month as CSV (customer,month,revenue_usd), all rows or none, with a report of every rejected row.",
  },
  anomalies: {
    title: "Anomalies",
    intro:
      "Detected cost anomalies with expected vs actual (band_low, band_high), dollar_impact, severity and root_causes, grouped into incidents; /api/v1/anomalies/series?series=<series_id> is one series with its baseline band.",
  },
} as const;
export type ApiGroup = keyof typeof API_GROUPS;

interface RegisteredRoute {
  group: ApiGroup;
  /** The path as clients write it, `{id}` for a dynamic segment. */
  path: string;
  module: Record<string, unknown>;
}

export const API_ROUTES: RegisteredRoute[] = [
  { group: "ingest", path: "/api/v1/events", module: events },
  { group: "ingest", path: "/api/v1/events/{event_id}", module: eventsEventId },
  { group: "read", path: "/api/v1/compare", module: compare },
  { group: "read", path: "/api/v1/costs", module: costs },
  { group: "read", path: "/api/v1/summary", module: summary },
  { group: "read", path: "/api/v1/timeseries", module: timeseries },
  { group: "read", path: "/api/v1/usage-events", module: usageEvents },
  { group: "prices", path: "/api/v1/prices/aliases", module: pricesAliases },
  { group: "prices", path: "/api/v1/prices/aliases/{id}", module: pricesAliasesId },
  { group: "prices", path: "/api/v1/prices/catalog", module: pricesCatalog },
  { group: "prices", path: "/api/v1/prices/gpu-idle", module: pricesGpuIdle },
  { group: "prices", path: "/api/v1/prices/gpu-pools", module: pricesGpuPools },
  { group: "prices", path: "/api/v1/prices/gpu-pools/rules", module: pricesGpuPoolsRules },
  { group: "prices", path: "/api/v1/prices/gpu-pools/{id}", module: pricesGpuPoolsId },
  { group: "prices", path: "/api/v1/prices/gpu-rates", module: pricesGpuRates },
  { group: "prices", path: "/api/v1/prices/gpu-rates/{id}", module: pricesGpuRatesId },
  { group: "prices", path: "/api/v1/prices/history", module: pricesHistory },
  { group: "prices", path: "/api/v1/prices/overrides", module: pricesOverrides },
  { group: "prices", path: "/api/v1/prices/overrides/{id}", module: pricesOverridesId },
  { group: "prices", path: "/api/v1/prices/reprice", module: pricesReprice },
  { group: "prices", path: "/api/v1/prices/reprice/preview", module: pricesRepricePreview },
  { group: "prices", path: "/api/v1/prices/resolve", module: pricesResolve },
  { group: "prices", path: "/api/v1/prices/unpriced", module: pricesUnpriced },
  { group: "budgets", path: "/api/v1/budgets", module: budgets },
  { group: "budgets", path: "/api/v1/budgets/check", module: budgetsCheck },
  { group: "budgets", path: "/api/v1/budgets/{id}", module: budgetsId },
  { group: "budgets", path: "/api/v1/budgets/{id}/status", module: budgetsIdStatus },
  { group: "alerts", path: "/api/v1/alert-channels", module: alertChannels },
  { group: "alerts", path: "/api/v1/alert-channels/{id}", module: alertChannelsId },
  { group: "alerts", path: "/api/v1/alert-channels/{id}/deliveries", module: alertChannelsIdDeliveries },
  { group: "alerts", path: "/api/v1/alert-channels/{id}/test", module: alertChannelsIdTest },
  { group: "alerts", path: "/api/v1/alert-preferences", module: alertPreferences },
  { group: "margins", path: "/api/v1/fixed-costs", module: fixedCosts },
  { group: "margins", path: "/api/v1/fixed-costs/{id}", module: fixedCostsId },
  { group: "margins", path: "/api/v1/margins", module: margins },
  { group: "margins", path: "/api/v1/margins/closed-months", module: marginsClosedMonths },
  { group: "margins", path: "/api/v1/margins/customers", module: marginsCustomers },
  { group: "margins", path: "/api/v1/margins/options", module: marginsOptions },
  { group: "margins", path: "/api/v1/plans", module: plans },
  { group: "margins", path: "/api/v1/plans/assignments", module: plansAssignments },
  { group: "margins", path: "/api/v1/plans/{id}", module: plansId },
  { group: "margins", path: "/api/v1/plans/{id}/versions", module: plansIdVersions },
  { group: "margins", path: "/api/v1/revenue/import", module: revenueImport },
  { group: "margins", path: "/api/v1/revenue/imports", module: revenueImports },
  { group: "margins", path: "/api/v1/scenarios", module: scenarios },
  { group: "margins", path: "/api/v1/scenarios/compare", module: scenariosCompare },
  { group: "margins", path: "/api/v1/scenarios/run", module: scenariosRun },
  { group: "margins", path: "/api/v1/scenarios/{id}", module: scenariosId },
  { group: "anomalies", path: "/api/v1/anomalies", module: anomalies },
  { group: "anomalies", path: "/api/v1/anomalies/detect", module: anomaliesDetect },
  { group: "anomalies", path: "/api/v1/anomalies/series", module: anomaliesSeries },
  { group: "anomalies", path: "/api/v1/anomalies/{id}", module: anomaliesId },
];

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export interface Endpoint {
  group: ApiGroup;
  method: (typeof METHODS)[number];
  path: string;
  contract: RouteContract;
}

/** Every method of every route, in the registry's order. */
export function endpoints(): Endpoint[] {
  return API_ROUTES.flatMap(({ group, path, module }) =>
    METHODS.flatMap((method) => {
      const contract = (module[method] as { contract?: RouteContract } | undefined)?.contract;
      return contract ? [{ group, method, path, contract }] : [];
    }),
  );
}

/** The anchor of an endpoint on the page: `get-api-v1-budgets-id`. */
export function endpointAnchor(endpoint: Pick<Endpoint, "method" | "path">): string {
  return `${endpoint.method}-${endpoint.path}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/-+$/, "");
}

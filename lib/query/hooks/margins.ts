/**
 * Hooks for the pricing & margin page: one per margins endpoint, keyed under the project like
 * every other query, plus the mutations finance uses (plans, assignments, scenarios, revenue).
 * Writes invalidate the whole margins subtree: every figure on the page depends on them.
 */
"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import type { PlanAssignment } from "@/lib/margins/assignments";
import type { CatalogModel } from "@/lib/margins/db/catalog";
import type { StoredPlan, StoredPlanVersion } from "@/lib/margins/db/plans-repo";
import type { ImportLogEntry } from "@/lib/margins/db/revenue-repo";
import type { MarginsResponse, SimulationResponse } from "@/lib/margins/db/report";
import type { StoredScenario } from "@/lib/margins/db/scenarios-repo";
import type { ClosedMonth } from "@/lib/margins/db/closed-revenue";
import type { CsvRowError } from "@/lib/margins/revenue-csv";
import type { MoneyJson } from "@/lib/margins/db/json";
import type { ScenarioComparison } from "@/lib/margins/simulator";
import { marginKeys, type Period } from "@/lib/query/margin-keys";

export { marginKeys, type Period };
import { ApiRequestError, apiUrl, fetchRead, isRetryable } from "./fetcher";

export type MarginsData = MarginsResponse & { groupBy: "customer" | "feature" };
export type SimulationData = SimulationResponse & { period: { from: string; to: string } };
export type ComparisonData = {
  period: { from: string; to: string };
  baseline: MoneyJson<ScenarioComparison["baseline"]>;
  scenarios: (MoneyJson<ScenarioComparison["scenarios"][number]> & { id: string })[];
};
export interface MarginOptions {
  outcomeTypes: string[];
  featureModels: { feature: string; model: string; provider: string; cost: string }[];
  models: CatalogModel[];
}

const retry = (failures: number, error: unknown) => failures < 2 && isRetryable(error);
const anyObject = <T>() => z.custom<T>((value) => typeof value === "object" && value !== null);

/** `comparePlan` undefined: not known yet (the page is still reading its plans), nothing is fetched. */
export function useMarginsQuery(projectId: string, period: Period, comparePlan: string | null | undefined) {
  const params = { from: period.from, to: period.to, ...(comparePlan ? { plan: comparePlan } : {}) };
  return useQuery({
    queryKey: marginKeys.report(projectId, period, comparePlan ?? null),
    queryFn: ({ signal }) => fetchRead("margins", projectId, params, anyObject<MarginsData>(), signal),
    enabled: comparePlan !== undefined,
    placeholderData: keepPreviousData,
    retry,
  });
}

/** `enabled`: only the views that offer these options ask for them (the margins view does not). */
export function useMarginOptionsQuery(projectId: string, period: Period, enabled = true) {
  return useQuery({
    queryKey: marginKeys.options(projectId, period),
    queryFn: ({ signal }) => fetchRead("margins/options", projectId, { ...period }, anyObject<MarginOptions>(), signal),
    staleTime: 5 * 60_000,
    enabled,
    retry,
  });
}

export function usePlansQuery(projectId: string) {
  return useQuery({
    queryKey: marginKeys.plans(projectId),
    queryFn: ({ signal }) =>
      fetchRead("plans", projectId, { archived: "true" }, anyObject<{ plans: StoredPlan[] }>(), signal),
    retry,
  });
}

export function useScenariosQuery(projectId: string) {
  return useQuery({
    queryKey: marginKeys.scenarios(projectId),
    queryFn: ({ signal }) =>
      fetchRead("scenarios", projectId, {}, anyObject<{ scenarios: StoredScenario[] }>(), signal),
    retry,
  });
}

export function useRevenueImportsQuery(projectId: string) {
  return useQuery({
    queryKey: marginKeys.imports(projectId),
    queryFn: ({ signal }) =>
      fetchRead("revenue/imports", projectId, {}, anyObject<{ imports: ImportLogEntry[] }>(), signal),
    retry,
  });
}

/** An API error with the parts a form needs: the message, split into `field: reason` pairs. */
export class MarginsRequestError extends ApiRequestError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(status, code, message);
  }

  /** "pricing.rates[0].pricePerMillion: must be ..." -> { "pricing.rates[0].pricePerMillion": "must be ..." } */
  get fields(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const part of this.message.split("; ")) {
      const at = part.indexOf(": ");
      if (at > 0) out[part.slice(0, at)] ??= part.slice(at + 2);
    }
    return out;
  }
}

export async function send<T>(
  method: string,
  path: string,
  projectId: string,
  body?: unknown,
  contentType = "application/json",
  params: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(apiUrl(path, projectId, params), {
    method,
    credentials: "same-origin",
    headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": contentType }) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const json = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (!response.ok) {
    throw new MarginsRequestError(
      response.status,
      json?.error?.code ?? "http_error",
      json?.error?.message ?? `The server answered ${response.status}`,
      json,
    );
  }
  return json as T;
}

function useMarginsMutation<Input, Output>(projectId: string, run: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation<Output, MarginsRequestError, Input>({
    mutationFn: run,
    onSuccess: () => client.invalidateQueries({ queryKey: marginKeys.all(projectId) }),
  });
}

/** An edit of an existing plan adds a version from `effectiveFrom` (earlier than next month needs `allowBackdate`). */
export function useSavePlan(projectId: string) {
  return useMarginsMutation(
    projectId,
    ({
      plan,
      existing,
      effectiveFrom,
      allowBackdate,
    }: {
      plan: unknown;
      existing: boolean;
      effectiveFrom?: string;
      allowBackdate?: boolean;
    }) =>
      existing
        ? send<{ plan: StoredPlan; warnings: string[] }>(
            "PUT",
            `plans/${encodeURIComponent((plan as { id: string }).id)}`,
            projectId,
            plan,
            "application/json",
            {
              ...(effectiveFrom ? { effective_from: effectiveFrom } : {}),
              ...(allowBackdate ? { allow_backdate: "true" } : {}),
            },
          )
        : send<{ plan: StoredPlan; warnings?: string[] }>("POST", "plans", projectId, plan),
  );
}

export function useClosedMonthsQuery(projectId: string) {
  return useQuery({
    queryKey: marginKeys.closedMonths(projectId),
    queryFn: ({ signal }) =>
      fetchRead("margins/closed-months", projectId, {}, anyObject<{ closedMonths: ClosedMonth[] }>(), signal),
    retry,
  });
}

/** Closes an ended month: every customer's revenue for it is frozen. */
export function useCloseMonth(projectId: string) {
  return useMarginsMutation(projectId, (month: string) =>
    send<{ closed: { month: string; customers: number; revenue: string } }>(
      "POST",
      "margins/closed-months",
      projectId,
      { month },
    ),
  );
}

export function usePlanVersionsQuery(projectId: string, planId: string | null) {
  return useQuery({
    queryKey: marginKeys.versions(projectId, planId ?? ""),
    queryFn: ({ signal }) =>
      fetchRead(
        `plans/${encodeURIComponent(planId!)}/versions`,
        projectId,
        {},
        anyObject<{ versions: StoredPlanVersion[] }>(),
        signal,
      ),
    enabled: planId !== null,
    retry,
  });
}

export function useArchivePlan(projectId: string) {
  return useMarginsMutation(projectId, (id: string) =>
    send<{ plan: StoredPlan }>("DELETE", `plans/${encodeURIComponent(id)}`, projectId),
  );
}

export function useSaveAssignments(projectId: string) {
  return useMarginsMutation(projectId, (assignments: PlanAssignment[]) =>
    send<{ assignments: PlanAssignment[] }>("PUT", "plans/assignments", projectId, { assignments }),
  );
}

export function useSaveScenario(projectId: string) {
  return useMarginsMutation(projectId, (scenario: unknown) =>
    send<{ scenario: StoredScenario }>("POST", "scenarios", projectId, scenario),
  );
}

export function useDeleteScenario(projectId: string) {
  return useMarginsMutation(projectId, (id: string) =>
    send<{ deleted: string }>("DELETE", `scenarios/${encodeURIComponent(id)}`, projectId),
  );
}

export function useRunScenario(projectId: string) {
  return useMutation<SimulationData, MarginsRequestError, { period: Period; scenario: unknown }>({
    mutationFn: ({ period, scenario }) =>
      send<SimulationData>("POST", "scenarios/run", projectId, { ...period, scenario }),
  });
}

export function useCompareScenarios(projectId: string) {
  return useMutation<ComparisonData, MarginsRequestError, { period: Period; ids: string[] }>({
    mutationFn: ({ period, ids }) => send<ComparisonData>("POST", "scenarios/compare", projectId, { ...period, ids }),
  });
}

export type ImportAnswer = { importId: string; rows: number; customers: number; months: string[]; total: string };
/** `unknownCustomers`: customers of the file that never sent an event; the import can be resent confirming them. */
export type ImportRejection = {
  rowsRead: number;
  rowsRejected: number;
  rejected: CsvRowError[];
  unknownCustomers: string[];
};

export function useImportRevenue(projectId: string) {
  return useMarginsMutation(
    projectId,
    ({
      text,
      filename,
      confirmUnknownCustomers = [],
    }: {
      text: string;
      filename: string;
      confirmUnknownCustomers?: string[];
    }) =>
      send<ImportAnswer>("POST", "revenue/import", projectId, {
        csv: text,
        filename,
        confirm_unknown_customers: confirmUnknownCustomers,
      }),
  );
}

export function marginsCsvUrl(
  projectId: string,
  period: Period,
  groupBy: "customer" | "feature",
  plan: string | null,
): string {
  return apiUrl("margins", projectId, { ...period, group_by: groupBy, format: "csv", ...(plan ? { plan } : {}) });
}

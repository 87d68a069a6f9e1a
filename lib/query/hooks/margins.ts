/**
 * Hooks for the pricing & margin page: one per margins endpoint, keyed under the project like
 * every other query, plus the mutations finance uses (plans, assignments, scenarios, revenue).
 * Every answer is parsed by its snake_case wire schema (lib/margins/wire) through `requestJson`,
 * and bodies are sent in the same shape. Writes invalidate the whole margins subtree: every
 * figure on the page depends on them.
 */
"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  assignmentsWire,
  closedMonthsWire,
  comparisonWire,
  importAnswerWire,
  importsWire,
  marginOptionsWire,
  marginsWire,
  monthClosedWire,
  planAnswerWire,
  planEditWire,
  plansListWire,
  planVersionsWire,
  scenarioAnswerWire,
  scenarioDeletedWire,
  scenariosListWire,
  simulationWire,
  type AssignmentWire,
  type ComparisonWire,
  type MarginOptionsWire,
  type MarginsWire,
  type PlanDefinitionWire,
  type ScenarioDefinitionWire,
  type SimulationWire,
} from "@/lib/margins/wire";
import { marginKeys, type Period } from "@/lib/query/margin-keys";

export type { Period };
import { ApiRequestError, apiUrl, fetchRead, isRetryable, requestJson } from "./fetcher";

export type MarginsData = MarginsWire;
type SimulationData = SimulationWire;
type ComparisonData = ComparisonWire;
export type MarginOptions = MarginOptionsWire;

const retry = (failures: number, error: unknown) => failures < 2 && isRetryable(error);

/** `comparePlan` undefined: not known yet (the page is still reading its plans), nothing is fetched. */
export function useMarginsQuery(projectId: string, period: Period, comparePlan: string | null | undefined) {
  // The page shows no customer's per-feature rows: a third less to send, parse and hydrate.
  const params = {
    from: period.from,
    to: period.to,
    customer_features: "false",
    ...(comparePlan ? { plan: comparePlan } : {}),
  };
  return useQuery({
    queryKey: marginKeys.report(projectId, period, comparePlan ?? null),
    queryFn: ({ signal }) => fetchRead("margins", projectId, params, marginsWire, signal),
    enabled: comparePlan !== undefined,
    placeholderData: keepPreviousData,
    retry,
  });
}

/** `enabled`: only the views that offer these options ask for them (the margins view does not). */
export function useMarginOptionsQuery(projectId: string, period: Period, enabled = true) {
  return useQuery({
    queryKey: marginKeys.options(projectId, period),
    queryFn: ({ signal }) => fetchRead("margins/options", projectId, { ...period }, marginOptionsWire, signal),
    staleTime: 5 * 60_000,
    enabled,
    retry,
  });
}

export function usePlansQuery(projectId: string) {
  return useQuery({
    queryKey: marginKeys.plans(projectId),
    queryFn: ({ signal }) => fetchRead("plans", projectId, { archived: "true" }, plansListWire, signal),
    retry,
  });
}

export function useScenariosQuery(projectId: string) {
  return useQuery({
    queryKey: marginKeys.scenarios(projectId),
    queryFn: ({ signal }) => fetchRead("scenarios", projectId, {}, scenariosListWire, signal),
    retry,
  });
}

export function useRevenueImportsQuery(projectId: string) {
  return useQuery({
    queryKey: marginKeys.imports(projectId),
    queryFn: ({ signal }) => fetchRead("revenue/imports", projectId, {}, importsWire, signal),
    retry,
  });
}

function useMarginsMutation<Input, Output>(projectId: string, run: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation<Output, ApiRequestError, Input>({
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
      plan: PlanDefinitionWire;
      existing: boolean;
      effectiveFrom?: string;
      allowBackdate?: boolean;
    }) =>
      existing
        ? requestJson(`plans/${encodeURIComponent(plan.id)}`, projectId, planEditWire, {
            method: "PUT",
            body: plan,
            params: {
              ...(effectiveFrom ? { effective_from: effectiveFrom } : {}),
              ...(allowBackdate ? { allow_backdate: "true" } : {}),
            },
          })
        : requestJson("plans", projectId, planAnswerWire, { method: "POST", body: plan }).then((answer) => ({
            ...answer,
            warnings: [] as string[],
          })),
  );
}

/** One customer's row of the margins report for a period, with the plans' names (its billing view). */
export function useCustomerReportQuery(projectId: string, period: Period, customer: string) {
  return useQuery({
    queryKey: marginKeys.report(projectId, period, null),
    queryFn: ({ signal }) => fetchRead("margins", projectId, { from: period.from, to: period.to }, marginsWire, signal),
    select: (data) => ({
      plans: new Map(data.plans.map((plan) => [plan.id, plan.name])),
      customer: data.customers.find((c) => c.customer === customer) ?? null,
    }),
    retry,
  });
}

export function useClosedMonthsQuery(projectId: string) {
  return useQuery({
    queryKey: marginKeys.closedMonths(projectId),
    queryFn: ({ signal }) => fetchRead("margins/closed-months", projectId, {}, closedMonthsWire, signal),
    retry,
  });
}

/** Closes an ended month: every customer's revenue for it is frozen. */
export function useCloseMonth(projectId: string) {
  return useMarginsMutation(projectId, (month: string) =>
    requestJson("margins/closed-months", projectId, monthClosedWire, { method: "POST", body: { month } }),
  );
}

export function usePlanVersionsQuery(projectId: string, planId: string | null) {
  return useQuery({
    queryKey: marginKeys.versions(projectId, planId ?? ""),
    queryFn: ({ signal }) =>
      fetchRead(`plans/${encodeURIComponent(planId!)}/versions`, projectId, {}, planVersionsWire, signal),
    enabled: planId !== null,
    retry,
  });
}

export function useArchivePlan(projectId: string) {
  return useMarginsMutation(projectId, (id: string) =>
    requestJson(`plans/${encodeURIComponent(id)}`, projectId, planAnswerWire, { method: "DELETE" }),
  );
}

export function useSaveAssignments(projectId: string) {
  return useMarginsMutation(projectId, (assignments: AssignmentWire[]) =>
    requestJson("plans/assignments", projectId, assignmentsWire, { method: "PUT", body: { assignments } }),
  );
}

export function useSaveScenario(projectId: string) {
  return useMarginsMutation(projectId, (scenario: ScenarioDefinitionWire) =>
    requestJson("scenarios", projectId, scenarioAnswerWire, { method: "POST", body: scenario }),
  );
}

export function useDeleteScenario(projectId: string) {
  return useMarginsMutation(projectId, (id: string) =>
    requestJson(`scenarios/${encodeURIComponent(id)}`, projectId, scenarioDeletedWire, { method: "DELETE" }),
  );
}

export function useRunScenario(projectId: string) {
  return useMutation<SimulationData, ApiRequestError, { period: Period; scenario: ScenarioDefinitionWire }>({
    mutationFn: ({ period, scenario }) =>
      requestJson("scenarios/run", projectId, simulationWire, { method: "POST", body: { ...period, scenario } }),
  });
}

export function useCompareScenarios(projectId: string) {
  return useMutation<ComparisonData, ApiRequestError, { period: Period; ids: string[] }>({
    mutationFn: ({ period, ids }) =>
      requestJson("scenarios/compare", projectId, comparisonWire, { method: "POST", body: { ...period, ids } }),
  });
}

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
      requestJson("revenue/import", projectId, importAnswerWire, {
        method: "POST",
        body: { csv: text, filename, confirm_unknown_customers: confirmUnknownCustomers },
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

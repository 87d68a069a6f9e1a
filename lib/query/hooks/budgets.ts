/**
 * The budgets page's hooks over `/api/v1/budgets*`, every answer parsed with lib/budgets/contracts;
 * plus the scope pickers' values, read from `/api/v1/costs` with the read API's own schema.
 */
"use client";

import { useQuery } from "@tanstack/react-query";
import { costsResponseSchema, type CostsResponse } from "@/lib/analytics/contracts";
import { budgetSchema, budgetStatusSchema } from "@/lib/budgets/contracts";
import type { ScopeDim } from "@/lib/budgets/types";
import { queryKeys } from "@/lib/query/keys";
import { itemAnswer, listAnswer } from "./answers";
import { requestJson } from "./fetcher";
import { useWrite } from "./write";

export const budgetsAnswer = listAnswer("budgets", budgetStatusSchema);
export const budgetAnswer = itemAnswer("budget", budgetSchema);

/** Every budget of the project with where it stands now; polled, since spend keeps arriving. */
export function useBudgets(projectId: string) {
  return useQuery({
    queryKey: queryKeys.budgets(projectId),
    queryFn: ({ signal }) => requestJson("budgets", projectId, budgetsAnswer, { signal }),
    refetchInterval: 60_000,
  });
}

type Body = Record<string, unknown>;
const budgetPath = (id: string) => `budgets/${encodeURIComponent(id)}`;

export const useCreateBudget = (projectId: string) =>
  useWrite(projectId, budgetAnswer, queryKeys.budgets(projectId), (body: Body) => ({
    method: "POST",
    path: "budgets",
    body,
  }));

/** Changes some fields of one budget (the rest stay). */
export const useUpdateBudget = (projectId: string) =>
  useWrite(projectId, budgetAnswer, queryKeys.budgets(projectId), ({ id, body }: { id: string; body: Body }) => ({
    method: "PATCH",
    path: budgetPath(id),
    body,
  }));

export const useDeleteBudget = (projectId: string) =>
  useWrite(projectId, budgetAnswer, queryKeys.budgets(projectId), (id: string) => ({
    method: "DELETE",
    path: budgetPath(id),
  }));

/** The values a scope can pick: the groups that had spend, without "not attributed" (""). */
export function dimensionValues(answer: CostsResponse): string[] {
  return answer.rows.map((row) => row.key).filter((key) => key !== "");
}

/** Dimension values seen in the last 90 days, for the scope pickers. */
export function useDimensionValues(projectId: string, dimension: ScopeDim) {
  return useQuery({
    queryKey: queryKeys.dimensionValues(projectId, dimension),
    queryFn: ({ signal }) =>
      requestJson("costs", projectId, costsResponseSchema, { params: { range: "90d", group_by: dimension }, signal }),
    select: dimensionValues,
  });
}

"use client";

/** Revenue and margin per customer for the customers list (GET /api/v1/margins/customers), by customer. */
import { useQuery } from "@tanstack/react-query";
import { customerMarginsResponseSchema } from "@/lib/margins/wire/customer-margins";
import { marginKeys, type Period } from "@/lib/query/margin-keys";
import { fetchRead, isRetryable } from "./fetcher";

/** Off while `period` is null (the list does not know its period yet); keyed by its days alone. */
export function useCustomerMarginsQuery(projectId: string, period: Period | null) {
  const days = { from: period?.from ?? "", to: period?.to ?? "" };
  return useQuery({
    queryKey: marginKeys.customers(projectId, days),
    queryFn: ({ signal }) => fetchRead("margins/customers", projectId, days, customerMarginsResponseSchema, signal),
    select: (data) => new Map(data.customers.map((row) => [row.customer, row])),
    enabled: period !== null,
    retry: (failures, error) => failures < 2 && isRetryable(error),
  });
}

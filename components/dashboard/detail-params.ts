/**
 * The read-API parameters of a feature, customer or model page, from its URL: one definition
 * for the page's client components and for the server prefetch that answers them in advance.
 */
import type { StackBy } from "@/lib/analytics/contracts";
import type { ReadParams } from "@/lib/query/hooks/fetcher";
import { OTHER_DIMENSIONS, type DimensionKind } from "./scope";

interface DetailParams {
  /** The slice itself: the entity, and a model's provider when the URL names one. */
  filters: ReadParams;
  provider: string | undefined;
  stackBy: StackBy;
  /** The two dimensions the page breaks the slice down by; the chart stacks by one of them. */
  breakdowns: [DimensionKind, DimensionKind];
}

export function detailParams(
  kind: DimensionKind,
  entityKey: string,
  get: (name: string) => string | undefined,
): DetailParams {
  const provider = kind === "model" ? get("provider") : undefined;
  const breakdowns = OTHER_DIMENSIONS[kind];
  return {
    filters: { [kind]: entityKey, ...(provider ? { provider } : {}) },
    provider,
    stackBy: get("stack") === breakdowns[1] ? breakdowns[1] : breakdowns[0],
    breakdowns,
  };
}

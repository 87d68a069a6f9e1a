/**
 * The events explorer's filters from its URL: one definition for the explorer and for the server
 * prefetch of its first page.
 */
import type { ReadParams } from "@/lib/query/hooks/fetcher";

export const EVENTS_PAGE_SIZE = 100;
export const EXACT_FILTERS = ["feature", "customer", "model", "provider"] as const;
export const CONTAINS_FILTERS = [
  ["customer_contains", "Customer contains"],
  ["feature_contains", "Feature contains"],
  ["model_contains", "Model contains"],
] as const;

export function eventsParams(get: (name: string) => string | undefined): ReadParams {
  return {
    ...Object.fromEntries(EXACT_FILTERS.map((name) => [name, get(name)])),
    ...Object.fromEntries(CONTAINS_FILTERS.map(([name]) => [name, get(name)])),
    status: get("status"),
    unpriced: get("unpriced"),
  };
}

/**
 * The pricing page's tab and compared plan, from its URL (`tab`, `plan`): one reading for the page
 * and for its server prefetch. With no `plan` the page compares with the first outcome-based plan
 * (else hybrid), the comparison the product exists for; `plan=` (empty) compares with none.
 */
export const PRICING_TABS = ["margins", "plans", "simulator", "revenue"] as const;
export type PricingTab = (typeof PRICING_TABS)[number];

export function pricingTab(value: string | undefined, canImportRevenue: boolean): PricingTab {
  const tab = PRICING_TABS.find((id) => id === value) ?? "margins";
  return tab === "revenue" && !canImportRevenue ? "margins" : tab;
}

/**
 * Whether a tab needs the margin options (outcome types for the plan editor, feature/model pairs
 * and price-book models for the simulator): the margins view does not, so it neither fetches nor
 * prefetches them, and the embedded database answers the report alone.
 */
export function usesOptions(tab: PricingTab): boolean {
  return tab === "plans" || tab === "simulator";
}

export function comparedPlan(
  value: string | undefined,
  plans: readonly { id: string; type: string; archived: boolean }[],
): string | null {
  if (value !== undefined) return value || null;
  const active = plans.filter((plan) => !plan.archived);
  return (active.find((plan) => plan.type === "outcome") ?? active.find((plan) => plan.type === "hybrid"))?.id ?? null;
}

/**
 * Margins: pricing plans, revenue under them, margin per customer and feature, plan comparison,
 * outcome economics, the pricing simulator and the import of actual revenue. Pure TypeScript:
 * callers load daily rollups, plans and assignments and pass them in; all money is bigint femtodollars.
 */
export * from "./types";
export { allocate, marginPercent, percentile, prorate, shareOf } from "./amounts";
export * from "./plans";
export * from "./assignments";
export * from "./revenue";
export * from "./distribution";
export * from "./outcome-economics";
export * from "./engine";
export * from "./scenario";
export { applyPlanChange, applyUsageChange, withCacheRate } from "./scenario-apply";
export * from "./simulator";
export * from "./csv";
export * from "./revenue-csv";

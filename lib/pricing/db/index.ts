/**
 * Pricing on the database: a project's price book and GPU rates (cached for ingestion), the
 * management of overrides, aliases, GPU rates and pools, catalog search and resolution for
 * the API, the unpriced-models list, re-pricing with preview and audit, and GPU idle cost.
 */
export { getProjectPriceBook } from "./book";
export { listOverrides, getOverride, createOverride, updateOverride, deleteOverride } from "./overrides";
export { listAliases, createAlias, updateAlias, deleteAlias } from "./aliases";
export * from "./gpu-store";
export { searchCatalog, entryHistory, resolveAnswer } from "./catalog-search";
export { listUnpricedModels } from "./unpriced";
export { previewReprice, runReprice, listRepriceRuns, type RepricePreview } from "./reprice";
export { computeGpuIdle, getGpuIdleSummary } from "./gpu-idle";
export { computeDueGpuIdle } from "./gpu-idle-due";
export { loadFullyLoadedCost } from "./fully-loaded";
export * from "./fixed-costs";

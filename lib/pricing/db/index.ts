/**
 * Pricing on the database: a project's price book and GPU rates (cached for ingestion), the
 * management of overrides, aliases, GPU rates and pools, catalog search and resolution for
 * the API, the unpriced-models list, re-pricing with preview and audit, and GPU idle cost.
 */
export { getProjectPriceBook } from "./book";
export {
  listOverrides,
  getOverride,
  createOverride,
  updateOverride,
  deleteOverride,
  type OverrideView,
} from "./overrides";
export { listAliases, createAlias, updateAlias, deleteAlias, type AliasView } from "./aliases";
export * from "./gpu-store";
export { searchCatalog, entryHistory, resolveAnswer } from "./catalog-search";
export { listUnpricedModels, type UnpricedModel } from "./unpriced";
export { previewReprice, runReprice, listRepriceRuns, type RepricePreview, type RepriceRun } from "./reprice";
export { computeGpuIdle, getGpuIdleSummary, type GpuIdleSummary } from "./gpu-idle";
export { computeDueGpuIdle } from "./gpu-idle-due";
export type { EntryJson } from "./entries";
export { loadFullyLoadedCost } from "./fully-loaded";
export * from "./fixed-costs";

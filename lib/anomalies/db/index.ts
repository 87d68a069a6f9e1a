export { loadDailyRows } from "./load";
export { analyse, rootCausesOf, DEFAULT_SELECTION } from "./analyse";
export { storeAnomalies, toStored, fromStored, type StoredContributor } from "./store";
export {
  detectProject,
  detectDueProjects,
  claimRun,
  lastCompleteDay,
  WINDOW_DAYS,
  type DetectionSummary,
  type DetectionTrigger,
} from "./run";
export * from "./queries";
export { seriesBaseline, parseSeriesId } from "./series";

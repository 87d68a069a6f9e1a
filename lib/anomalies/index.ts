export * from "./types";
export { detectAnomalies, DEFAULT_DETECT_OPTIONS, type DetectOptions } from "./detect";
export { severityOf, SEVERITY_TIERS } from "./impact";
export * from "./metrics";
export * from "./root-cause";
export { describeAnomaly, formatMetricValue, seriesLabel, formatDay } from "./describe";

export * from "./types";
export { detectAnomalies, type DetectOptions } from "./detect";
export { severityOf } from "./impact";
export * from "./metrics";
export * from "./root-cause";
export { describeAnomaly, formatMetricValue, seriesLabel, formatDay } from "./describe";

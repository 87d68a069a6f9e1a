export { renderDigest } from "./render";
export type { DigestData, DigestAnomaly, MoverInput, RenderedDigest } from "./types";
export { forecastMonthEnd, type MonthForecast, type DailySpend } from "./forecast";
export * from "./unsubscribe";
export { absoluteUrl } from "./links";

/**
 * What other domains may use of anomalies' database side: the stored anomalies (the digest lists
 * them) and today's intraday detection (the alerting job runs it before it alerts).
 */
export { listAnomalies, toAnomaly, type StoredAnomaly } from "./db/queries";
export { detectTodayDueProjects, type IntradaySummary } from "./db/today";

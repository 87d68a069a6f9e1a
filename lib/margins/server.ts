/**
 * What other domains may use of margins' database side: a period's usage, plans and fully loaded
 * cost, loaded as the margins report loads them (the digest shows the week's margin with it).
 */
export { loadPeriod } from "./db/load-period";

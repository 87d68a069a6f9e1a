/**
 * What other domains may use of pricing's database side: a project's cached price book (ingest
 * prices events with it, margins re-price scenarios) and the fully loaded cost of a period
 * (analytics and margins). Everything else under db/ is pricing's own; app/ routes compose it.
 */
export { getProjectPriceBook, getProjectPricing } from "./db/book";
export { loadFullyLoadedCost } from "./db/fully-loaded";

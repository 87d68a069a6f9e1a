/** What other domains may use of budgets' database side: the alerting job reads every budget's status. */
export { getBudgetStatus } from "./db/status";
export { listBudgets } from "./db/store";

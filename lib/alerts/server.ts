/** What other domains may use of alerts' database side: budgets write their changes to the shared audit trail. */
export { writeAudit } from "./db/audit";

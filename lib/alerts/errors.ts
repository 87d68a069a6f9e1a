/** Errors of the budgets and alerts repositories; lib/alerts/api.ts maps them onto the API envelope. */
export class AlertsInputError extends Error {}
export class AlertsNotFound extends Error {}

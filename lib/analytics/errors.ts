/** A request the analytics layer cannot answer because of one of its parameters. */
export class AnalyticsParamError extends Error {
  constructor(
    readonly param: string,
    readonly reason: string,
  ) {
    super(`${param}: ${reason}`);
  }
}

/** A usage object or token map that cannot be normalised, naming the offending field. */
export class UsageError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = "UsageError";
  }
}

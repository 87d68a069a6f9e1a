import type { FieldError } from "../plans";

/**
 * What the margin repositories report to their callers: a field-named validation problem, a
 * missing row or a conflict. Route handlers map these onto the API's one error envelope.
 */
export class MarginsInputError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((error) => `${error.path || "(root)"}: ${error.message}`).join("; "));
  }
}

export class MarginsNotFound extends Error {}

export class MarginsConflict extends Error {}

export function inputError(path: string, message: string): MarginsInputError {
  return new MarginsInputError([{ path, message }]);
}

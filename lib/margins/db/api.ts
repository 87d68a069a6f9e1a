/** Maps the margin repositories' errors onto the API's one error envelope. */
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/api/route";
import { MarginsConflict, MarginsInputError, MarginsNotFound } from "./errors";

export async function mapMarginErrors<T>(where: "invalid_body" | "invalid_query", run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof MarginsInputError) throw new ApiError(where, error.message);
    if (error instanceof MarginsNotFound) throw new ApiError("not_found", error.message);
    if (error instanceof MarginsConflict) throw new ApiError("conflict", error.message);
    throw error;
  }
}

/** The person behind a request, for created_by columns; API keys act for nobody. */
export function actorOf(principal: Principal): string | null {
  return principal.kind === "session" ? principal.userId : null;
}

/** What the pricing routes share: the store's refusals as API errors, and who is acting. */
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/api/route";
import { PricingError } from "./errors";
import type { Requester } from "./reprice";

const CODES = { not_found: "not_found", conflict: "conflict", invalid: "invalid_body" } as const;

export async function mapPricingErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PricingError) throw new ApiError(CODES[error.code], error.message);
    throw error;
  }
}

/** The user behind a session; an API key acts for the project with no person behind it. */
export function actorOf(principal: Principal): string | null {
  return principal.kind === "session" ? principal.userId : null;
}

export function requesterOf(principal: Principal): Requester {
  return principal.kind === "session" ? { userId: principal.userId, via: "session" } : { userId: null, via: "api_key" };
}

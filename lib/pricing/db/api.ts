/** Who asks the pricing store to re-price: a member, or an API key with no person behind it. */
import type { Principal } from "@/lib/api/route";
import type { Requester } from "./reprice";

export function requesterOf(principal: Principal): Requester {
  return principal.kind === "session" ? { userId: principal.userId, via: "session" } : { userId: null, via: "api_key" };
}

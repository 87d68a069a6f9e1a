/** Exact conversions between femtodollars per token and the catalog's $/Mtok strings. */
import { femtoToUsd, type Femto } from "../../money";

/** "2.5" for 2.5e9 femtodollars per token ($2.50 per million tokens), no trailing zeros. */
export function femtoToPerMillion(femtoPerToken: Femto): string {
  return femtoToUsd(femtoPerToken * 1_000_000n).replace(/\.?0+$/, "");
}

/** Exact conversions between femtodollars per token (or unit) and the catalog's dollar strings. */
import { femtoToUsd, type Femto } from "../../money";

/** "2.5" for 2.5e9 femtodollars per token ($2.50 per million tokens), no trailing zeros. */
export function femtoToPerMillion(femtoPerToken: Femto): string {
  return femtoToUsd(femtoPerToken * 1_000_000n).replace(/\.?0+$/, "");
}

/** "0.0001" for 1e11 femtodollars per unit: the catalog's $ per second, character or image. */
export function femtoToUsdPerUnit(femto: Femto): string {
  return femtoToUsd(femto).replace(/\.?0+$/, "");
}

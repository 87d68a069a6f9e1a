/** Hooks parse an answer with the very schema its route declares, then hand on the one field they read. */
import { z } from "zod";

/** `response` parsed whole (every field checked), unwrapped to its `field`: `{ budgets: [...] }` to the list. */
export function unwrap<S extends z.ZodObject, K extends keyof z.output<S> & string>(response: S, field: K) {
  return response.transform((answer: z.output<S>) => answer[field]);
}

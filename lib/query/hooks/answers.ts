/** Schema helpers for answers that wrap their payload in one named field. */
import { z } from "zod";

/** `{ [field]: T[] }` parsed and unwrapped to `T[]`: list endpoints answer their rows under one field. */
export function listAnswer<K extends string, S extends z.ZodType>(field: K, item: S) {
  const shape = { [field]: z.array(item) } as { [P in K]: z.ZodArray<S> };
  return z.object(shape).transform((answer) => (answer as Record<K, z.infer<S>[]>)[field]);
}

/** `{ [field]: T }` parsed and unwrapped to `T`: a write answers the row it wrote under one field. */
export function itemAnswer<K extends string, S extends z.ZodType>(field: K, item: S) {
  const shape = { [field]: item } as { [P in K]: S };
  return z.object(shape).transform((answer) => (answer as Record<K, z.infer<S>>)[field]);
}

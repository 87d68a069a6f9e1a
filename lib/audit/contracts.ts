/** What the API answers for an audit trail, as a zod schema (client-safe: zod and the wire primitives). */
import { z } from "zod";
import { wireTimestamp } from "@/lib/api/wire";

/** One change of a budget or channel: who, when, before and after. */
export const auditRecordSchema = z.object({
  id: z.string(),
  entity: z.enum(["budget", "channel"]),
  entity_id: z.string(),
  action: z.enum(["create", "update", "delete"]),
  actor: z.object({ id: z.string(), email: z.string().nullable() }).nullable(),
  at: wireTimestamp,
  before: z.unknown(),
  after: z.unknown(),
});

/** The whitelisted group-by expressions: the only identifiers a request can choose. */
import type { Dimension, GroupBy } from "./contracts";

interface GroupSql {
  /** Selects `group_key` and `group_provider`. */
  select: string;
  groupBy: string;
  dims: readonly Dimension[];
}

export const GROUPS: Record<GroupBy, GroupSql> = {
  day: { select: "to_char(day, 'YYYY-MM-DD') AS group_key, NULL::text AS group_provider", groupBy: "day", dims: [] },
  feature: { select: "feature AS group_key, NULL::text AS group_provider", groupBy: "feature", dims: ["feature"] },
  customer: { select: "customer AS group_key, NULL::text AS group_provider", groupBy: "customer", dims: ["customer"] },
  provider: { select: "provider AS group_key, NULL::text AS group_provider", groupBy: "provider", dims: ["provider"] },
  model: {
    select: "model AS group_key, provider AS group_provider",
    groupBy: "provider, model",
    dims: ["provider", "model"],
  },
};

import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database";
import { createTenant, getEventById, postEvents, usageEvent } from "./support";

const db = useTestDatabase();

describe("usage the client could not read", () => {
  it("stores an event marked usage_status unknown as unpriced (never $0 computed), and a partial one priced from what it has", async () => {
    const tenant = await createTenant(db);
    const unknown = usageEvent({ event_id: "broken-off", tokens: undefined, metadata: { usage_status: "unknown" } });
    const partial = usageEvent({ event_id: "partial", tokens: { input: 1000 }, metadata: { usage_status: "partial" } });
    const res = await postEvents(tenant.ingestKey, { events: [unknown, partial] });
    expect(res.json.accepted).toBe(2);
    const stored = await getEventById(tenant.readKey, "broken-off");
    expect(stored.json.event.cost.source).toBe("unpriced");
    expect(stored.json.event.cost.provenance.reason).toBe("usage_unknown");
    const priced = await getEventById(tenant.readKey, "partial");
    expect(priced.json.event.cost.source).toBe("computed");
    const { rows } = await db.pool.query(
      "SELECT unpriced_events::int AS unpriced FROM usage_daily WHERE project_id = $1",
      [tenant.projectId],
    );
    expect(rows[0].unpriced).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { dashboardLink, eventsLink } from "@/components/anomalies/links";
import { eventsHref } from "@/components/dashboard/events-link";
import { detailSegment, segmentToKey } from "@/lib/analytics/page-paths";

describe("links to a slice", () => {
  it("opens an anomaly's model on its own page, not the list of every model", () => {
    const link = dashboardLink("acme", "main", { dimension: "model", dimension_value: "gpt-5", day: "2026-11-27" });
    expect(link).toBe("/o/acme/p/main/models/gpt-5?from=2026-11-14&to=2026-11-27");
  });

  it("opens a project-wide anomaly on the overview and its events on the anomaly's day", () => {
    expect(dashboardLink("acme", "main", { dimension: null, dimension_value: null, day: "2026-03-01" })).toBe(
      "/o/acme/p/main/overview?from=2026-02-16&to=2026-03-01",
    );
    expect(
      eventsLink("acme", "main", { dimension: "customer", dimension_value: "rakor labs", day: "2026-11-27" }),
    ).toBe("/o/acme/p/main/events?from=2026-11-27&to=2026-11-27&customer=rakor+labs");
  });

  it("writes keys that need escaping, and the unset key, as segments that read back", () => {
    for (const key of ["ft:gpt-4o-mini/2024", "a b%c", ""])
      expect(segmentToKey(detailSegment("model", key).slice("models/".length))).toBe(key);
    expect(detailSegment("feature", "")).toBe("features/~unset");
  });

  it("links the events explorer to exactly a slice and its days", () => {
    expect(
      eventsHref(
        { orgSlug: "acme", projectSlug: "main" },
        { feature: "agent", model: "gpt-5", customer: undefined },
        { from: "2026-11-27", to: "2026-11-27" },
      ),
    ).toBe("/o/acme/p/main/events?feature=agent&model=gpt-5&from=2026-11-27&to=2026-11-27");
  });
});

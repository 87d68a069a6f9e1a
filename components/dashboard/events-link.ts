/**
 * Links into the events explorer for one slice: its filters and its days, exactly as the
 * explorer reads them from the URL, so the page, its filters and the date picker show that slice.
 */
import { dashboardPath, type DashboardScope } from "./scope";

type EventSlice = Partial<Record<"feature" | "customer" | "model" | "provider" | "status", string | undefined>>;

/** `days`: `{from, to}` (inclusive days) or `{range}` (a preset), as the shell's picker writes them. */
export function eventsHref(
  scope: Pick<DashboardScope, "orgSlug" | "projectSlug">,
  slice: EventSlice,
  days: Record<string, string>,
): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(slice)) if (value !== undefined) query.set(name, value);
  for (const [name, value] of Object.entries(days)) query.set(name, value);
  return dashboardPath(scope, `events?${query.toString()}`);
}

/**
 * The organisation's calendar (timezone and first weekday) for a project, as the read API's
 * periods need it (lib/analytics/period). Cached a minute per project: it changes rarely.
 */
import type { Pool } from "pg";
import { calendarOf, DEFAULT_WEEK_START, type OrgCalendar } from "@/lib/calendar/org-calendar";

const cache = new Map<string, { calendar: OrgCalendar; at: number }>();
const CACHE_TTL_MS = 60_000;

export async function projectCalendar(pool: Pool, projectId: string): Promise<OrgCalendar> {
  const cached = cache.get(projectId);
  if (cached && Date.now() - cached.at < CACHE_TTL_MS) return cached.calendar;
  const { rows } = await pool.query<{ timezone: string; week_start: number }>(
    "SELECT o.timezone, o.week_start FROM projects p JOIN organizations o ON o.id = p.org_id WHERE p.id = $1",
    [projectId],
  );
  const calendar = calendarOf({
    timezone: rows[0]?.timezone ?? "UTC",
    weekStart: rows[0]?.week_start ?? DEFAULT_WEEK_START,
  });
  cache.set(projectId, { calendar, at: Date.now() });
  return calendar;
}

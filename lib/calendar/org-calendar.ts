/** An organisation's calendar: the time zone its days start in and the weekday its weeks start on. */

/** 0 = Sunday … 6 = Saturday (as Date#getUTCDay); ISO weeks start on Monday (1). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export const DEFAULT_WEEK_START: Weekday = 1;

export interface OrgCalendar {
  timezone: string;
  weekStart: Weekday;
}

/** An organisation row's calendar; a week start outside 0–6 (the column forbids it) reads as Monday. */
export function calendarOf(org: { timezone: string; weekStart: number }): OrgCalendar {
  const weekStart =
    Number.isInteger(org.weekStart) && org.weekStart >= 0 && org.weekStart <= 6
      ? (org.weekStart as Weekday)
      : DEFAULT_WEEK_START;
  return { timezone: org.timezone, weekStart };
}

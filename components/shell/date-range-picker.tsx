"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { parseDateRange, PRESET_LABELS, RANGE_PRESETS, readRangeParams } from "@/lib/analytics/date-range";
import { formatWindow } from "@/lib/analytics/period";
import type { OrgCalendar } from "@/lib/calendar/org-calendar";
import { showsDateRange } from "./nav-items";
import styles from "./shell.module.css";

/**
 * The date range lives in the URL (`?range=30d` or `?from=...&to=...`) so a link shows
 * exactly what its sender saw. Days are read in the organisation's timezone; the picker states the
 * period's days, the running day as partial, and the window it is compared with.
 */
export function DateRangePicker({ calendar }: { calendar: OrgCalendar }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const urlParams = new URLSearchParams(searchParams.toString());
  const current = parseDateRange(urlParams, calendar);
  const [custom, setCustom] = useState(current.preset === "custom");
  const [from, setFrom] = useState(current.firstDay);
  const [to, setTo] = useState(current.lastDay);
  // A link to another slice changes the URL under a mounted picker: show the URL's days.
  const [shown, setShown] = useState(`${current.preset}:${current.firstDay}:${current.lastDay}`);
  const key = `${current.preset}:${current.firstDay}:${current.lastDay}`;
  if (key !== shown) {
    setShown(key);
    setCustom(current.preset === "custom");
    setFrom(current.firstDay);
    setTo(current.lastDay);
  }

  if (!showsDateRange(pathname)) return null;
  // The events explorer without a usable period is the live tail of every event (it reads the URL
  // with readRangeParams too); other pages default to a preset.
  const offersAll = pathname.endsWith("/events");
  const showsAll = offersAll && Object.keys(readRangeParams(urlParams)).length === 0;

  function go(update: Record<string, string | null>) {
    const next = new URLSearchParams(searchParams.toString());
    for (const [name, value] of Object.entries(update)) {
      if (value === null) next.delete(name);
      else next.set(name, value);
    }
    router.push(`${pathname}?${next.toString()}`);
  }

  function choose(value: string) {
    if (value === "custom") {
      setCustom(true);
      return;
    }
    if (value === "all") {
      setCustom(false);
      go({ range: null, from: null, to: null });
      return;
    }
    setCustom(false);
    go({ range: value, from: null, to: null });
  }

  function applyCustom(event: FormEvent) {
    event.preventDefault();
    if (from && to) go({ range: null, from: from <= to ? from : to, to: from <= to ? to : from });
  }

  return (
    <form className={styles.range} onSubmit={applyCustom} aria-label="Date range">
      <label htmlFor="range-preset" className="visually-hidden">
        Date range
      </label>
      <select
        id="range-preset"
        className="select"
        value={custom ? "custom" : showsAll ? "all" : current.preset}
        onChange={(event) => choose(event.target.value)}
      >
        {offersAll && <option value="all">Every event (live)</option>}
        {RANGE_PRESETS.map((preset) => (
          <option key={preset} value={preset}>
            {PRESET_LABELS[preset]}
          </option>
        ))}
        <option value="custom">Custom…</option>
      </select>
      {!showsAll && (
        <span
          className={`${styles.rangeWindow} small muted`}
          data-testid="range-window"
          title={current.comparisonLabel}
        >
          {formatWindow(current.firstDay, current.lastDay)}
          {current.partialDay && (
            <span className="badge" data-testid="partial-mark">
              today partial
            </span>
          )}
        </span>
      )}
      {current.ignored && (
        <span
          className={`${styles.rangeIgnored} small`}
          data-testid="range-ignored"
          title={`The link's from/to were not used: ${current.ignored}. Showing ${current.label.toLowerCase()}.`}
        >
          Link&apos;s dates not used: {current.ignored}
        </span>
      )}
      {custom && (
        <>
          <label className="visually-hidden" htmlFor="range-from">
            From
          </label>
          <input
            id="range-from"
            className="input"
            type="date"
            value={from}
            max={to}
            onChange={(event) => setFrom(event.target.value)}
          />
          <span className="muted">to</span>
          <label className="visually-hidden" htmlFor="range-to">
            To
          </label>
          <input
            id="range-to"
            className="input"
            type="date"
            value={to}
            min={from}
            onChange={(event) => setTo(event.target.value)}
          />
          <button className="btn btn-sm" type="submit">
            Apply
          </button>
        </>
      )}
    </form>
  );
}

"use client";

/**
 * Usage events of any period, newest first by when they occurred: the date range and every
 * filter live in the URL (exact filters from drill-down links as removable chips, contains-search
 * on customer, feature and model), "Load older" walks keyset pages, the CSV export streams the
 * whole filtered period from the server, a row opens to its cost (per token class, or GPU time x
 * rate) and where each price came from. Without a period it is the live tail, refreshed every few
 * seconds so events sent from an SDK appear; a period that holds today refreshes too.
 */
import { AppLink } from "@/components/app-link";
import { Fragment, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { PageHeader } from "@/components/page-header";
import type { UsageEventView } from "@/lib/analytics/contracts";
import { formatWindow } from "@/lib/analytics/period";
import { dayIn } from "@/lib/calendar/zone";
import { readProvenance, seriesLabel, unitQuantityLabel, type GpuCost } from "@/lib/charts";
import {
  formatAgo,
  formatCompact,
  formatCount,
  formatDateTime,
  formatGpuTime,
  formatLatency,
  formatMoney,
  formatTimezone,
  formatUnitMoney,
  TOKEN_CLASS_LABELS,
  type TokenClassName,
} from "@/lib/format";
import { femtoToUsd, usdToFemto } from "@/lib/money";
import { useUsageEventPages, type ReadParams } from "@/lib/query/hooks";
import { CsvButton } from "./csv-button";
import styles from "./dashboard.module.css";
import { dashboardPath, detailHref, type DashboardScope } from "./scope";
import { ErrorState, TableSkeleton } from "@/components/states";
import { CONTAINS_FILTERS, EVENTS_PAGE_SIZE, EXACT_FILTERS, eventsParams } from "./events-params";
import { useUrlState } from "@/components/url-state";

const REFRESH_MS = 5_000;
const SOURCE_BADGE = { computed: "badge", reported: "badge badge-accent", unpriced: "badge badge-bad" } as const;

/** `guide`: the first-event guide, shown while the project has no event and nothing is filtered. */
export function EventsExplorer({ scope, guide }: { scope: DashboardScope; guide?: ReactNode }) {
  const url = useUrlState();
  const [live, setLive] = useState(true);
  const [open, setOpen] = useState<string | null>(null);
  const filters = eventsParams(url.get);
  const params: ReadParams = { ...url.range, ...filters, limit: String(EVENTS_PAGE_SIZE) };
  const query = useUsageEventPages(scope.projectId, params, { refetchInterval: live ? REFRESH_MS : false });
  // One array per answer, not per render: useSeenIds runs an effect each time it changes.
  const pages = query.data?.pages;
  const events = useMemo(() => pages?.flatMap((page) => page.events), [pages]);
  const period = query.data?.pages[0]?.period ?? null;
  const seen = useSeenIds(events);
  const now = useNow(1000);
  const filtered = Object.values(filters).some((value) => value !== undefined);
  const exact = EXACT_FILTERS.filter((name) => url.get(name) !== undefined);

  return (
    <div className={styles.page}>
      <PageHeader
        title="Events"
        description={`${period ? `Events of ${formatWindow(period.from, period.to)}` : "Every event"}, newest first by when they occurred · times in ${formatTimezone(scope.timezone)}`}
        actions={
          <CsvButton
            path="usage-events"
            projectId={scope.projectId}
            params={{ ...url.range, ...filters }}
            filename="usage-events.csv"
          />
        }
      />
      <section className="card">
        <div className={styles.toolbar}>
          {exact.map((name) => (
            <span key={name} className="badge badge-accent" data-testid={`chip-${name}`}>
              {name} = {seriesLabel(url.get(name) ?? "", false)}
              <button
                type="button"
                className={styles.chipClose}
                aria-label={`Remove the ${name} filter`}
                onClick={() => url.set({ [name]: null })}
              >
                ×
              </button>
            </span>
          ))}
          {CONTAINS_FILTERS.map(([name, label]) => (
            <TextFilter
              key={name}
              name={name}
              label={label}
              value={url.get(name)}
              onChange={(value) => url.set({ [name]: value })}
            />
          ))}
          <label className="visually-hidden" htmlFor="filter-status">
            Status
          </label>
          <select
            id="filter-status"
            className="select"
            value={url.get("status") ?? ""}
            onChange={(event) => url.set({ status: event.target.value || null })}
            data-testid="filter-status"
          >
            <option value="">Any status</option>
            <option value="ok">OK</option>
            <option value="error">Errors</option>
          </select>
          <label className="checkbox small">
            <input
              type="checkbox"
              checked={url.get("unpriced") === "true"}
              onChange={(event) => url.set({ unpriced: event.target.checked ? "true" : null })}
              data-testid="filter-unpriced"
            />
            Unpriced only
          </label>
          <div className="spacer" />
          {(!period || period.partial_day) && (
            <LiveStatus
              live={live}
              onToggle={() => setLive(!live)}
              updatedAt={query.dataUpdatedAt}
              now={now}
              fetching={query.isFetching}
            />
          )}
        </div>
        <EventsBody
          scope={scope}
          query={query}
          events={events}
          open={open}
          onToggle={(id) => setOpen(open === id ? null : id)}
          seen={seen}
          guide={filtered ? undefined : guide}
        />
        {events && events.length > 0 && (
          <div className={styles.tableFoot}>
            <span data-testid="events-shown">
              {formatCount(events.length)} event{events.length === 1 ? "" : "s"} shown
              {query.hasNextPage ? ", older ones follow" : ", all of this period"}.
            </span>
            {query.hasNextPage && (
              <button
                type="button"
                className="btn btn-sm"
                disabled={query.isFetchingNextPage}
                onClick={() => query.fetchNextPage()}
                data-testid="load-older"
              >
                {query.isFetchingNextPage ? "Loading…" : "Load older"}
              </button>
            )}
          </div>
        )}
      </section>
    </div>
  );
}

/** A contains-search, applied on Enter or when the field loses focus. */
function TextFilter({
  name,
  label,
  value,
  onChange,
}: {
  name: string;
  label: string;
  value: string | undefined;
  onChange: (value: string | null) => void;
}) {
  const [text, setText] = useState(value ?? "");
  const [synced, setSynced] = useState(value);
  if (value !== synced) {
    setSynced(value);
    setText(value ?? "");
  }
  const apply = () => {
    if (text.trim() !== (value ?? "")) onChange(text.trim() || null);
  };
  return (
    <>
      <label className="visually-hidden" htmlFor={`filter-${name}`}>
        {label}
      </label>
      <input
        id={`filter-${name}`}
        className="input"
        style={{ width: 160 }}
        placeholder={`${label}…`}
        value={text}
        data-testid={`filter-${name}`}
        onChange={(event) => setText(event.target.value)}
        onBlur={apply}
        onKeyDown={(event) => {
          if (event.key === "Enter") apply();
        }}
      />
    </>
  );
}

function LiveStatus({
  live,
  onToggle,
  updatedAt,
  now,
  fetching,
}: {
  live: boolean;
  onToggle: () => void;
  updatedAt: number;
  now: number;
  fetching: boolean;
}) {
  const ago = updatedAt ? formatAgo(new Date(updatedAt), new Date(now)) : null;
  return (
    <span className="row small muted" aria-live="polite">
      <span className={`${styles.liveDot} ${live ? "" : styles.livePaused}`} aria-hidden="true" />
      {live ? `Live · every ${REFRESH_MS / 1000} s` : "Paused"}
      {ago && <span>· updated {fetching ? "now" : ago}</span>}
      <button type="button" className="btn btn-sm no-print" onClick={onToggle}>
        {live ? "Pause" : "Resume"}
      </button>
    </span>
  );
}

function EventsBody({
  scope,
  query,
  events,
  open,
  onToggle,
  seen,
  guide,
}: {
  guide?: ReactNode;
  scope: DashboardScope;
  query: ReturnType<typeof useUsageEventPages>;
  events: UsageEventView[] | undefined;
  open: string | null;
  onToggle: (id: string) => void;
  seen: Set<string> | null;
}) {
  if (query.isError && !query.data)
    return <ErrorState what="events" error={query.error} onRetry={() => query.refetch()} />;
  if (!events) return <TableSkeleton columns={7} />;
  if (events.length === 0 && guide) return <div style={{ padding: 16 }}>{guide}</div>;
  if (events.length === 0)
    return (
      <p className="muted" style={{ padding: "40px 20px", textAlign: "center" }}>
        No events match these filters in this period. New events show up here within {REFRESH_MS / 1000} seconds.
      </p>
    );
  return (
    <div
      className={styles.tableWrap}
      style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}
      data-stale={query.isPlaceholderData}
    >
      <table className={styles.table} data-testid="events-table">
        <thead>
          <tr>
            <th>Occurred</th>
            <th>Feature</th>
            <th>Customer</th>
            <th>Model</th>
            <th className="num">Tokens or units</th>
            <th className="num">Latency</th>
            <th className="num">Cost</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const id = event.event_id;
            const expanded = open === id;
            return (
              <Fragment key={id}>
                <tr
                  className={`${styles.eventRow} ${seen && !seen.has(id) ? styles.newRow : ""}`}
                  tabIndex={0}
                  aria-expanded={expanded}
                  data-testid="event-row"
                  onClick={() => onToggle(id)}
                  onKeyDown={(keyEvent) => {
                    if (keyEvent.key === "Enter" || keyEvent.key === " ") {
                      keyEvent.preventDefault();
                      onToggle(id);
                    }
                  }}
                >
                  <td style={{ whiteSpace: "nowrap" }}>
                    {expanded ? "▾" : "▸"} {formatDateTime(event.occurred_at, scope.timezone)}
                  </td>
                  <td className={styles.keyCell}>{seriesLabel(event.feature, false)}</td>
                  <td className={styles.keyCell}>{seriesLabel(event.customer, false)}</td>
                  <td className={styles.keyCell}>
                    {event.model}
                    <span className={styles.subLine}>
                      {event.provider}
                      {event.service_tier !== "standard" ? ` · ${event.service_tier}` : ""}
                    </span>
                  </td>
                  <td className="num">{quantityCell(event)}</td>
                  <td className="num">{formatLatency(event.latency_ms)}</td>
                  <td className="num">
                    <strong>{event.cost.total === null ? "—" : formatUnitMoney(event.cost.total)}</strong>
                  </td>
                  <td>
                    <span className={SOURCE_BADGE[event.cost.source]}>{event.cost.source}</span>{" "}
                    {event.status === "error" && <span className="badge badge-bad">error</span>}
                  </td>
                </tr>
                {expanded && (
                  <tr className={styles.eventDetail}>
                    <td colSpan={8}>
                      <EventDetail scope={scope} event={event} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Tokens, GPU time or the unit quantity (seconds, characters, images) of an event's row. */
function quantityCell(event: UsageEventView): string {
  if (event.gpu) return formatGpuTime(event.gpu.seconds);
  if (event.units && event.tokens.total === 0) return unitQuantityLabel(event.units);
  return formatCompact(event.tokens.total);
}

function EventDetail({ scope, event }: { scope: DashboardScope; event: UsageEventView }) {
  const provenance = readProvenance(
    event.cost.source,
    event.pricing,
    event.tokens as unknown as Record<string, number>,
    event.units,
  );
  const unit = provenance.unit;
  return (
    <div className={styles.detailGrid} data-testid="event-detail">
      <div className="stack-sm">
        <h3>
          {provenance.gpu
            ? "Cost of GPU time"
            : provenance.classes.length === 0 && unit
              ? "Cost by unit"
              : "Cost by token class"}
        </h3>
        {provenance.classes.length > 0 || unit ? (
          <table className={styles.table} style={{ background: "var(--panel)" }}>
            <thead>
              <tr>
                <th>{unit && provenance.classes.length === 0 ? "Unit" : "Class"}</th>
                <th className="num">{unit && provenance.classes.length === 0 ? "Quantity" : "Tokens"}</th>
                <th className="num">Price</th>
                <th className="num">Cost</th>
                <th>Tier · rule</th>
              </tr>
            </thead>
            <tbody>
              {provenance.classes.map((item) => (
                <tr key={item.tokenClass}>
                  <td>
                    {TOKEN_CLASS_LABELS[item.tokenClass as TokenClassName] ?? item.tokenClass}
                    {item.billedAs && <span className={styles.subLine}>billed as {item.billedAs}</span>}
                  </td>
                  <td className="num">{formatCount(item.tokens)}</td>
                  <td className="num">{formatMoney(perMillion(item.unit))} / M</td>
                  <td className="num">{formatUnitMoney(item.cost)}</td>
                  <td className="small">{[item.tier, ...item.rules].filter(Boolean).join(" · ")}</td>
                </tr>
              ))}
              {unit && (
                <tr data-testid="unit-cost">
                  <td>{unitQuantityLabel(unit)}</td>
                  <td className="num">{formatCount(unit.quantity)}</td>
                  <td className="num">
                    {formatUnitMoney(unit.price)} / {unit.unit}
                  </td>
                  <td className="num">{formatUnitMoney(unit.cost)}</td>
                  <td className="small">{provenance.tier ?? ""}</td>
                </tr>
              )}
              <tr>
                <td colSpan={3}>
                  <strong>Total</strong>
                </td>
                <td className="num">
                  <strong>{event.cost.total === null ? "—" : formatUnitMoney(event.cost.total)}</strong>
                </td>
                <td />
              </tr>
            </tbody>
          </table>
        ) : provenance.gpu ? (
          <GpuCostTable gpu={provenance.gpu} timezone={scope.timezone} total={event.cost.total} />
        ) : (
          <NotComputed
            event={event}
            scope={scope}
            reason={provenance.reason}
            detail={provenance.detail}
            suggestions={provenance.suggestions}
            reported={provenance.reportedUsd}
          />
        )}
      </div>
      <dl className={styles.kv}>
        <dt>Slice</dt>
        <dd data-testid="event-slice">
          <EventSliceLinks scope={scope} event={event} />
        </dd>
        <dt>Event id</dt>
        <dd className={styles.mono}>{event.event_id}</dd>
        <dt>Cost source</dt>
        <dd>
          {event.cost.source}
          {provenance.reportedUsd && event.cost.source === "computed"
            ? ` (client reported ${formatMoney(provenance.reportedUsd)})`
            : ""}
        </dd>
        <dt>Price entry</dt>
        <dd className={styles.mono}>{provenance.entryId ?? event.cost.price_entry_id ?? "—"}</dd>
        {provenance.match.length > 0 && (
          <>
            <dt>Model match</dt>
            <dd>
              {provenance.match.join(" → ")}
              {provenance.dateRule ? ` · ${provenance.dateRule.replace(/_/g, " ")}` : ""}
            </dd>
          </>
        )}
        <dt>Tier</dt>
        <dd>
          {provenance.tier ?? event.service_tier}
          {provenance.bandAbove ? ` · long-context band above ${formatCount(provenance.bandAbove)} tokens` : ""}
          {provenance.markupPct ? ` · markup ${provenance.markupPct}%` : ""}
        </dd>
        <dt>Received</dt>
        <dd>{formatDateTime(event.received_at, scope.timezone)}</dd>
        {event.gpu && (
          <>
            <dt>GPU</dt>
            <dd>
              {formatGpuTime(event.gpu.seconds)} on {event.gpu.type ?? "unknown type"}
              {event.gpu.pool ? ` · pool ${event.gpu.pool}` : ""}
            </dd>
          </>
        )}
        {event.status === "error" && (
          <>
            <dt>Error</dt>
            <dd>{event.error_type ?? "error"}</dd>
          </>
        )}
        {event.trace_id && (
          <>
            <dt>Trace</dt>
            <dd className={styles.mono}>{event.trace_id}</dd>
          </>
        )}
        {Object.entries(event.metadata).map(([name, value]) => (
          <Fragment key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </div>
  );
}

/** The event's feature, customer and model, each a link to its page on the event's day. */
function EventSliceLinks({ scope, event }: { scope: DashboardScope; event: UsageEventView }) {
  const day = dayIn(scope.timezone, new Date(event.occurred_at));
  const days = `?from=${day}&to=${day}`;
  return (
    <>
      <AppLink href={detailHref(scope, "feature", event.feature, null, days)}>
        feature {seriesLabel(event.feature, false)}
      </AppLink>
      {" · "}
      <AppLink href={detailHref(scope, "customer", event.customer, null, days)}>
        customer {seriesLabel(event.customer, false)}
      </AppLink>
      {" · "}
      <AppLink href={detailHref(scope, "model", event.model, event.provider, days)}>model {event.model}</AppLink>
    </>
  );
}

/** A GPU event's cost: its GPU time at the rate for its GPU type in force when it occurred. */
function GpuCostTable({ gpu, timezone, total }: { gpu: GpuCost; timezone: string; total: string | null }) {
  return (
    <table className={styles.table} style={{ background: "var(--panel)" }} data-testid="gpu-cost">
      <thead>
        <tr>
          <th>GPU</th>
          <th className="num">Time</th>
          <th className="num">Rate</th>
          <th className="num">Cost</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>
            {gpu.type}
            {gpu.pool && <span className={styles.subLine}>pool {gpu.pool}</span>}
          </td>
          <td className="num">{formatGpuTime(gpu.seconds)}</td>
          <td className="num">
            {formatMoney(gpu.usdPerGpuHour)} / GPU-hour
            {gpu.rateFrom && (
              <span className={styles.subLine}>rate since {formatDateTime(gpu.rateFrom, timezone)}</span>
            )}
          </td>
          <td className="num">
            <strong>{total === null ? "—" : formatUnitMoney(total)}</strong>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/** Dollars per token as dollars per million tokens, exactly (how price lists quote them). */
function perMillion(unit: string): string {
  return femtoToUsd(usdToFemto(unit) * 1_000_000n);
}

function NotComputed({
  scope,
  event,
  reason,
  detail,
  suggestions,
  reported,
}: {
  scope: DashboardScope;
  event: UsageEventView;
  reason: string | null;
  detail: string | null;
  suggestions: string[];
  reported: string | null;
}) {
  if (event.cost.source === "reported") {
    return (
      <p className="small">
        The client reported this cost ({formatMoney(reported ?? event.cost.total ?? "0")}); InferLedger had no price to
        compute it{detail ? `: ${detail}` : ""}.
      </p>
    );
  }
  return (
    <div className="alert alert-warn">
      <strong>Not priced yet</strong> — {detail ?? reason ?? "no price for this model"}. It counts as unpriced, never as
      $0, and is priced when a price is added.
      {suggestions.length > 0 && <div>Did you mean: {suggestions.join(", ")}?</div>}
      <div>
        <AppLink href={dashboardPath(scope, "settings/prices")}>
          {scope.canEditPrices ? "Add a price" : "See prices"} for {event.model}
        </AppLink>
      </div>
    </div>
  );
}

/** Ids on screen before the latest refresh, so new arrivals can be highlighted. Null at first load. */
function useSeenIds(events: UsageEventView[] | undefined): Set<string> | null {
  const previous = useRef<Set<string> | null>(null);
  const [seen, setSeen] = useState<Set<string> | null>(null);
  useEffect(() => {
    if (!events) return;
    setSeen(previous.current);
    previous.current = new Set([...(previous.current ?? []), ...events.map((event) => event.event_id)]);
  }, [events]);
  return seen;
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

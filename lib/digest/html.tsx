/**
 * The digest as email HTML: tables for layout, inline styles only, no images, no external CSS,
 * 600px wide, system fonts. React renders it, so every user string is escaped by construction.
 */
import type { CSSProperties, ReactNode } from "react";
import type { Change, DigestView, MoverView } from "./view-model";

const FONT = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const INK = "#1f2933";
const MUTED = "#616e7c";
const RULE = "#e4e7eb";
const ACCENT = "#3559e0";
/** Spend going up is bad news, going down good; margin the other way round. */
const UP_BAD = "#c2410c";
const DOWN_GOOD = "#15803d";

const SEVERITY_COLOURS: Record<string, string> = {
  critical: "#b91c1c",
  high: "#c2410c",
  medium: "#b45309",
  low: "#4b5563",
};

const text = (extra: CSSProperties = {}): CSSProperties => ({
  fontFamily: FONT,
  fontSize: "14px",
  lineHeight: "20px",
  color: INK,
  ...extra,
});

function Table({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  return (
    <table
      role="presentation"
      width="100%"
      cellPadding={0}
      cellSpacing={0}
      border={0}
      style={{ borderCollapse: "collapse", ...style }}
    >
      <tbody>{children}</tbody>
    </table>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <tr>
      <td style={{ padding: "20px 24px 4px 24px", borderTop: `1px solid ${RULE}` }}>
        <h2 style={text({ fontSize: "16px", lineHeight: "22px", fontWeight: 600, margin: "0 0 10px 0" })}>{title}</h2>
        {children}
      </td>
    </tr>
  );
}

function Bar({ percent, colour }: { percent: number; colour: string }) {
  const width = Math.min(100, Math.max(0, Math.round(percent)));
  return (
    <Table>
      <tr>
        {width > 0 && (
          <td
            width={`${width}%`}
            style={{ width: `${width}%`, height: "8px", backgroundColor: colour, fontSize: "0", lineHeight: "0" }}
          >
            &nbsp;
          </td>
        )}
        {width < 100 && <td style={{ height: "8px", fontSize: "0", lineHeight: "0" }}>&nbsp;</td>}
      </tr>
    </Table>
  );
}

function ChangeText({ change, goodWhenUp }: { change: Change; goodWhenUp: boolean }) {
  const colour = change.direction === "flat" ? MUTED : (change.direction === "up") === goodWhenUp ? DOWN_GOOD : UP_BAD;
  return (
    <span style={{ color: colour, fontWeight: 600 }}>
      {change.percent} ({change.delta})
    </span>
  );
}

function Kpi({
  label,
  value,
  previous,
  change,
  goodWhenUp,
  note,
}: {
  label: string;
  value: string;
  previous: string;
  change: Change;
  goodWhenUp: boolean;
  note?: string;
}) {
  return (
    <td valign="top" style={{ padding: "0 24px 16px 24px", width: "50%" }}>
      <div style={text({ fontSize: "12px", color: MUTED, textTransform: "uppercase", letterSpacing: "0.04em" })}>
        {label}
      </div>
      <div style={text({ fontSize: "28px", lineHeight: "36px", fontWeight: 700 })}>{value}</div>
      <div style={text({ fontSize: "13px", color: MUTED })}>
        <ChangeText change={change} goodWhenUp={goodWhenUp} /> vs {previous} last week
      </div>
      {note && <div style={text({ fontSize: "13px", color: MUTED })}>{note}</div>}
    </td>
  );
}

function Movers({ movers, empty }: { movers: readonly MoverView[]; empty: string }) {
  if (movers.length === 0) return <p style={text({ color: MUTED, margin: "0 0 12px 0" })}>{empty}</p>;
  return (
    <Table style={{ marginBottom: "12px" }}>
      {movers.map((m) => (
        <tr key={m.name}>
          <td style={text({ padding: "4px 8px 4px 0", width: "38%", wordBreak: "break-word" })}>
            <a href={m.url} style={{ color: ACCENT, textDecoration: "none" }}>
              {m.name}
            </a>
          </td>
          <td style={{ padding: "4px 8px", width: "30%" }}>
            <Bar percent={m.barPercent} colour={m.direction === "up" ? UP_BAD : DOWN_GOOD} />
          </td>
          <td
            align="right"
            style={text({
              padding: "4px 0",
              whiteSpace: "nowrap",
              fontWeight: 600,
              color: m.direction === "up" ? UP_BAD : DOWN_GOOD,
            })}
          >
            {m.delta}
          </td>
          <td
            align="right"
            style={text({ padding: "4px 0 4px 8px", whiteSpace: "nowrap", color: MUTED, fontSize: "13px" })}
          >
            {m.thisWeek}
          </td>
        </tr>
      ))}
    </Table>
  );
}

export function DigestEmail({ view, preheader, subject }: { view: DigestView; preheader: string; subject: string }) {
  return (
    <html lang="en">
      {/* An email document, not a Next.js page: mail clients need a real <head>. */}
      {/* eslint-disable-next-line @next/next/no-head-element */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{subject}</title>
      </head>
      <body style={{ margin: 0, padding: 0, backgroundColor: "#f4f5f7" }}>
        <div style={{ display: "none", maxHeight: 0, overflow: "hidden", opacity: 0 }}>{preheader}</div>
        <Table style={{ backgroundColor: "#f4f5f7" }}>
          <tr>
            <td align="center" style={{ padding: "24px 12px" }}>
              <table
                role="presentation"
                width="600"
                cellPadding={0}
                cellSpacing={0}
                border={0}
                style={{
                  width: "100%",
                  maxWidth: "600px",
                  backgroundColor: "#ffffff",
                  border: `1px solid ${RULE}`,
                  borderCollapse: "collapse",
                }}
              >
                <tbody>
                  <tr>
                    <td style={{ padding: "24px 24px 8px 24px" }}>
                      <div
                        style={text({
                          fontSize: "12px",
                          color: ACCENT,
                          fontWeight: 700,
                          letterSpacing: "0.06em",
                          textTransform: "uppercase",
                        })}
                      >
                        InferLedger weekly digest
                      </div>
                      <h1 style={text({ fontSize: "20px", lineHeight: "28px", margin: "4px 0 0 0" })}>{view.title}</h1>
                      <div style={text({ color: MUTED })}>{view.weekLabel}</div>
                      <p style={text({ margin: "12px 0 0 0" })}>{view.greeting}</p>
                    </td>
                  </tr>
                  <tr>
                    <td style={{ paddingTop: "12px" }}>
                      <Table>
                        <tr>
                          <Kpi
                            label="AI spend"
                            value={view.spend.thisWeek}
                            previous={view.spend.lastWeek}
                            change={view.spend.change}
                            goodWhenUp={false}
                          />
                          {view.margin ? (
                            <Kpi
                              label="Margin"
                              value={view.margin.thisWeek}
                              previous={view.margin.lastWeek}
                              change={view.margin.change}
                              goodWhenUp={true}
                              note={[view.margin.rate, view.margin.costs].filter(Boolean).join(" · ") || undefined}
                            />
                          ) : (
                            <td style={{ width: "50%" }}>&nbsp;</td>
                          )}
                        </tr>
                      </Table>
                    </td>
                  </tr>
                  {view.daily.length > 0 && (
                    <Section title="Spend by day">
                      <Table style={{ marginBottom: "12px" }}>
                        {view.daily.map((d) => (
                          <tr key={d.label}>
                            <td style={text({ width: "48px", padding: "2px 0", color: MUTED, fontSize: "13px" })}>
                              {d.label}
                            </td>
                            <td style={{ padding: "2px 8px" }}>
                              <Bar percent={d.barPercent} colour={ACCENT} />
                            </td>
                            <td
                              align="right"
                              style={text({ width: "96px", padding: "2px 0", fontSize: "13px", whiteSpace: "nowrap" })}
                            >
                              {d.amount}
                            </td>
                          </tr>
                        ))}
                      </Table>
                    </Section>
                  )}
                  <Section title="Top movers by feature">
                    <Movers movers={view.featureMovers} empty="No feature changed its spend." />
                  </Section>
                  <Section title="Top movers by customer">
                    <Movers movers={view.customerMovers} empty="No customer changed its spend." />
                  </Section>
                  <Section
                    title={view.anomalies.length === 0 ? "Anomalies" : `New anomalies (${view.anomalies.length})`}
                  >
                    {view.anomalies.length === 0 ? (
                      <p style={text({ color: MUTED, margin: "0 0 12px 0" })}>No new cost anomalies this week.</p>
                    ) : (
                      <Table style={{ marginBottom: "12px" }}>
                        {view.anomalies.map((a, i) => (
                          <tr key={i}>
                            <td valign="top" style={{ padding: "6px 8px 6px 0", width: "72px" }}>
                              <span
                                style={text({
                                  fontSize: "11px",
                                  lineHeight: "16px",
                                  fontWeight: 700,
                                  color: "#ffffff",
                                  backgroundColor: SEVERITY_COLOURS[a.severity] ?? MUTED,
                                  padding: "2px 6px",
                                  textTransform: "uppercase",
                                })}
                              >
                                {a.severity}
                              </span>
                            </td>
                            <td style={text({ padding: "6px 0" })}>
                              {a.sentence}{" "}
                              <a href={a.url} style={{ color: ACCENT }}>
                                Investigate
                              </a>
                            </td>
                          </tr>
                        ))}
                      </Table>
                    )}
                  </Section>
                  {view.unpriced.length > 0 && (
                    <Section title="Models without a price">
                      <p style={text({ margin: "0 0 8px 0" })}>
                        These models were used but have no price, so their cost is missing from the figures above.{" "}
                        <a href={view.pricesUrl} style={{ color: ACCENT }}>
                          Add prices
                        </a>
                      </p>
                      <Table style={{ marginBottom: "12px" }}>
                        {view.unpriced.map((m) => (
                          <tr key={m.label}>
                            <td style={text({ padding: "2px 0" })}>{m.label}</td>
                            <td align="right" style={text({ padding: "2px 0", color: MUTED })}>
                              {m.events}
                            </td>
                          </tr>
                        ))}
                      </Table>
                    </Section>
                  )}
                  {view.forecast && (
                    <Section title={`${view.forecast.month} forecast`}>
                      <div style={text({ fontSize: "22px", lineHeight: "30px", fontWeight: 700 })}>
                        {view.forecast.amount}
                      </div>
                      <p style={text({ color: MUTED, margin: "4px 0 12px 0", fontSize: "13px" })}>
                        {view.forecast.explanation}
                      </p>
                    </Section>
                  )}
                  <tr>
                    <td style={{ padding: "16px 24px 24px 24px", borderTop: `1px solid ${RULE}` }}>
                      <p style={text({ fontSize: "12px", lineHeight: "18px", color: MUTED, margin: 0 })}>
                        <a href={view.dashboardUrl} style={{ color: ACCENT }}>
                          Open the dashboard
                        </a>{" "}
                        ·{" "}
                        <a href={view.anomaliesUrl} style={{ color: ACCENT }}>
                          All anomalies
                        </a>{" "}
                        ·{" "}
                        <a href={view.unsubscribeUrl} style={{ color: MUTED }}>
                          Unsubscribe from this digest
                        </a>
                      </p>
                    </td>
                  </tr>
                </tbody>
              </table>
            </td>
          </tr>
        </Table>
      </body>
    </html>
  );
}

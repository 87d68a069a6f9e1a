/**
 * An email shown inside the app: the HTML in a sandboxed iframe (no scripts, no same-origin
 * access, its styles cannot leak into the page) and the plain-text part below it.
 */
export function EmailFrame({
  subject,
  html,
  text,
  meta,
}: {
  subject: string;
  html: string;
  text: string;
  meta?: string;
}) {
  return (
    <div className="stack">
      <section className="card">
        <div className="card-header" style={{ flexDirection: "column", alignItems: "flex-start", gap: 2 }}>
          <strong data-testid="email-subject">{subject}</strong>
          {meta && <span className="muted small">{meta}</span>}
        </div>
        <iframe
          title="Email (HTML part)"
          sandbox=""
          srcDoc={html}
          style={{ width: "100%", height: 1100, border: 0, display: "block", background: "#f4f5f7" }}
        />
      </section>
      <section className="card">
        <div className="card-header">
          <strong>Plain-text part</strong>
        </div>
        <pre
          className="card-body"
          style={{
            margin: 0,
            whiteSpace: "pre-wrap",
            overflowWrap: "anywhere",
            fontFamily: "var(--mono)",
            fontSize: 12.5,
          }}
        >
          {text}
        </pre>
      </section>
    </div>
  );
}

import Link from "next/link";
import { sdkInstallCommand } from "@/lib/sdk/install";
import { CopyButton } from "./copy-button";
import { EmptyState } from "./empty-state";
import styles from "./first-event-guide.module.css";

export interface FirstEventGuideProps {
  /** Where the project's events go, e.g. https://ledger.example.com (no trailing slash). */
  endpoint: string;
  /** Link to create an ingest key; omitted for roles that cannot create keys. */
  createKeyHref: string | null;
  title?: string;
}

/** Runs as written (as an .mjs or .ts file): the SDK delivers what is queued before the process exits. */
export function sdkSnippet(endpoint: string): string {
  return [
    `import { createClient } from "@inferledger/sdk";`,
    ``,
    `const ledger = createClient({ apiKey: process.env.INFERLEDGER_KEY, endpoint: "${endpoint}" });`,
    `ledger.installShutdownHooks(); // in a server: deliver what is queued on SIGTERM / SIGINT`,
    ``,
    `ledger.track({ provider: "openai", model: "gpt-4o-mini", customer: "acme", feature: "support-bot",`,
    `  tokens: { input: 1200, output: 300 } });`,
  ].join("\n");
}

export function curlSnippet(endpoint: string): string {
  return [
    `curl -X POST ${endpoint}/api/v1/events \\`,
    `  -H "Authorization: Bearer $INFERLEDGER_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"events":[{"type":"usage","event_id":"evt-0001","occurred_at":"${new Date().toISOString().slice(0, 19)}Z",`,
    `       "customer":"acme","feature":"support-bot","provider":"openai","model":"gpt-4o-mini",`,
    `       "tokens":{"input":1200,"output":300}}]}'`,
  ].join("\n");
}

/** The empty state of every analytics page until the project's first event arrives. */
export function FirstEventGuide({ endpoint, createKeyHref, title = "No usage events yet" }: FirstEventGuideProps) {
  const sdk = sdkSnippet(endpoint);
  const install = sdkInstallCommand(endpoint);
  const curl = curlSnippet(endpoint);
  return (
    <EmptyState
      title={title}
      description="Send your first event and this page fills in: cost per feature, customer and model, priced exactly from the tokens you report."
      action={
        createKeyHref ? (
          <Link className="btn btn-primary" href={createKeyHref}>
            Create an ingest key
          </Link>
        ) : (
          <span className="muted small">Ask an engineer or admin of this organisation for an ingest key.</span>
        )
      }
    >
      <ol className={styles.steps}>
        <li>
          <div className={styles.stepHead}>
            <h3>Install the SDK</h3>
            <span className="muted small">served by this InferLedger instance</span>
            <CopyButton value={install} />
          </div>
          <pre className="code">{install}</pre>
        </li>
        <li>
          <div className={styles.stepHead}>
            <h3>Track a model call</h3>
            <CopyButton value={sdk} />
          </div>
          <pre className="code">{sdk}</pre>
        </li>
        <li>
          <div className={styles.stepHead}>
            <h3>Or send one with curl</h3>
            <CopyButton value={curl} />
          </div>
          <pre className="code">{curl}</pre>
        </li>
      </ol>
    </EmptyState>
  );
}

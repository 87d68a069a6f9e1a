import { AppLink } from "@/components/app-link";
import { sdkInstallCommand } from "@/lib/sdk/install";
import { curlSnippet, sdkSnippet } from "@/lib/sdk/snippets";
import { CopyButton } from "./copy-button";
import { EmptyState } from "./empty-state";
import styles from "./first-event-guide.module.css";

interface FirstEventGuideProps {
  /** Where the project's events go, e.g. https://ledger.example.com (no trailing slash). */
  endpoint: string;
  /** Link to create an ingest key; omitted for roles that cannot create keys. */
  createKeyHref: string | null;
  title?: string;
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
          <AppLink className="btn btn-primary" href={createKeyHref}>
            Create an ingest key
          </AppLink>
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

import { AppLink } from "@/components/app-link";
import { CopyButton } from "../copy-button";
import styles from "./send-data.module.css";
import { sendDataSnippets } from "./snippets";

/** Every way in, each snippet filled in with this instance's URL; one card per client. */
export function SendDataGuide({ endpoint, createKeyHref }: { endpoint: string; createKeyHref: string | null }) {
  const snippets = sendDataSnippets(endpoint);
  return (
    <div className={styles.guide}>
      <p className="muted">
        Every snippet reads your ingest key from <code className="code-inline">INFERLEDGER_KEY</code>.{" "}
        {createKeyHref ? (
          <AppLink href={createKeyHref}>Create an ingest key</AppLink>
        ) : (
          "Ask an engineer or admin of this organisation for an ingest key."
        )}{" "}
        Events appear on the Events page within seconds, priced from the provider&apos;s own usage object: pass it
        unchanged.
      </p>
      <nav className={styles.toc} aria-label="Clients">
        {snippets.map((snippet) => (
          <a key={snippet.id} href={`#${snippet.id}`} className="btn btn-sm">
            {snippet.title}
          </a>
        ))}
      </nav>
      {snippets.map((snippet) => (
        <section key={snippet.id} id={snippet.id} className="card" aria-labelledby={`${snippet.id}-title`}>
          <div className="card-header">
            <h2 id={`${snippet.id}-title`} className={styles.title}>
              {snippet.title}
            </h2>
            <span className={styles.copy}>
              <CopyButton value={snippet.code} />
            </span>
          </div>
          <div className={`card-body ${styles.body}`}>
            <p className="muted small">{snippet.description}</p>
            {snippet.install && <pre className="code">{snippet.install}</pre>}
            <pre className="code">{snippet.code}</pre>
          </div>
        </section>
      ))}
    </div>
  );
}

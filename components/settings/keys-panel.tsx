"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { createKeyAction, revokeKeyAction } from "@/lib/actions/keys";
import { CopyButton } from "@/components/copy-button";
import type { KeyScope } from "@/lib/auth/api-keys";
import { DataTable } from "@/components/data-table";

interface KeyView {
  id: string;
  name: string;
  masked: string;
  scopes: KeyScope[];
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string;
  revokedAt: string | null;
}

const SCOPE_HELP: Record<KeyScope, string> = {
  ingest: "send usage and outcome events",
  read: "query the read API",
  admin: "manage the project through the API",
};

export function KeysPanel(props: {
  org: string;
  project: string;
  canManage: boolean;
  grantableScopes: KeyScope[];
  initialScopes: KeyScope[];
  openForm: boolean;
  keys: KeyView[];
}) {
  const { org, project, canManage, keys } = props;
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "");
    const scopes = form.getAll("scopes").map(String);
    const element = event.currentTarget;
    startTransition(async () => {
      const result = await createKeyAction({ org, project, name, scopes });
      if (!result.ok) {
        setError({ field: result.field, message: result.message });
        return;
      }
      setError(null);
      setCreated({ name, key: result.data.key });
      element.reset();
      router.refresh();
    });
  }

  function revoke(key: KeyView) {
    if (
      !window.confirm(
        `Revoke "${key.name}" (${key.masked})? Clients using it are refused at once. This cannot be undone.`,
      )
    )
      return;
    startTransition(async () => {
      const result = await revokeKeyAction({ org, project, keyId: key.id });
      if (!result.ok) setError({ message: result.message });
      router.refresh();
    });
  }

  return (
    <div className="stack">
      {created && (
        <section className="card card-body stack-sm" aria-label="New API key" data-testid="new-key">
          <h2>Your new key “{created.name}”</h2>
          <div className="alert alert-warn">
            Copy it now: it is shown only once. InferLedger stores a hash and cannot show it again.
          </div>
          <div className="row">
            <code className="secret" data-testid="new-key-value">
              {created.key}
            </code>
            <CopyButton value={created.key} />
          </div>
          <div>
            <button type="button" className="btn btn-sm" onClick={() => setCreated(null)}>
              I have stored it
            </button>
          </div>
        </section>
      )}

      {canManage && (
        <form className="card" onSubmit={create} aria-label="Create an API key">
          <div className="card-header">
            <h2>Create a key</h2>
          </div>
          <div className="card-body stack">
            <div className="row" style={{ alignItems: "flex-start", gap: 24 }}>
              <div className="field" style={{ flex: "1 1 260px" }}>
                <label htmlFor="key-name">Name</label>
                <input
                  id="key-name"
                  name="name"
                  className="input"
                  placeholder="e.g. production backend"
                  required
                  maxLength={80}
                  autoFocus={props.openForm}
                  aria-invalid={error?.field === "name"}
                />
                {error?.field === "name" && <span className="field-error">Name: {error.message}</span>}
              </div>
              <fieldset style={{ flex: "2 1 360px" }}>
                <legend>Scopes</legend>
                <div className="stack-sm">
                  {props.grantableScopes.map((scope) => (
                    <label key={scope} className="checkbox">
                      <input
                        type="checkbox"
                        name="scopes"
                        value={scope}
                        defaultChecked={props.initialScopes.includes(scope)}
                      />
                      <strong>{scope}</strong>
                      <span className="muted">— {SCOPE_HELP[scope]}</span>
                    </label>
                  ))}
                </div>
                {error?.field === "scopes" && <span className="field-error">Scopes: {error.message}</span>}
              </fieldset>
            </div>
            {error && !error.field && (
              <div className="alert alert-error" role="alert">
                {error.message}
              </div>
            )}
            {error?.field && error.field !== "name" && error.field !== "scopes" && (
              <div className="alert alert-error" role="alert">
                {error.field}: {error.message}
              </div>
            )}
            <div>
              <button className="btn btn-primary" type="submit" disabled={pending}>
                {pending ? "Creating…" : "Create key"}
              </button>
            </div>
          </div>
        </form>
      )}

      <section className="card" aria-label="API keys">
        <div className="card-header">
          <h2>Keys</h2>
          <span className="muted small">{keys.filter((key) => !key.revokedAt).length} active</span>
        </div>
        {keys.length === 0 ? (
          <div className="card-body muted">
            No keys yet{canManage ? ": create one above to send your first event." : "."}
          </div>
        ) : (
          <DataTable
            scroll
            columns={["Name", "Key", "Scopes", "Created", "Last used", "Status", canManage && { ariaLabel: "Actions" }]}
          >
            {keys.map((key) => (
              <tr key={key.id} className={key.revokedAt ? "dim" : undefined} data-testid="key-row">
                <td>
                  <div style={{ fontWeight: 500 }}>{key.name}</div>
                  {key.createdBy && <div className="muted small">by {key.createdBy}</div>}
                </td>
                <td>
                  <code>{key.masked}</code>
                </td>
                <td>
                  <div className="row">
                    {key.scopes.map((scope) => (
                      <span key={scope} className="badge">
                        {scope}
                      </span>
                    ))}
                  </div>
                </td>
                <td className="num">{key.createdAt}</td>
                <td className="num">{key.lastUsedAt}</td>
                <td>
                  {key.revokedAt ? (
                    <span className="badge badge-bad" title={`Revoked ${key.revokedAt}`}>
                      Revoked
                    </span>
                  ) : (
                    <span className="badge badge-good">Active</span>
                  )}
                </td>
                {canManage && (
                  <td className="num">
                    {!key.revokedAt && (
                      <button
                        type="button"
                        className="btn btn-sm btn-danger"
                        onClick={() => revoke(key)}
                        disabled={pending}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}

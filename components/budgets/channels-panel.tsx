"use client";

import { Fragment, useState, type FormEvent } from "react";
import {
  useAlertChannels,
  useCreateChannel,
  useDeleteChannel,
  useDeliveryLog,
  useTestChannel,
  useUpdateChannel,
} from "@/lib/query/hooks/alerts";
import { SelectField, TextField } from "@/components/form-field";
import { formErrors } from "@/components/form-errors";
import { SeverityThresholdOptions } from "./severity-options";
import styles from "./budgets.module.css";

function DeliveryLog({ projectId, channelId }: { projectId: string; channelId: string }) {
  const log = useDeliveryLog(projectId, channelId);
  if (log.isLoading) return <p className="muted small">Loading…</p>;
  const rows = log.data ?? [];
  if (rows.length === 0) return <p className="muted small">Nothing sent yet.</p>;
  return (
    <div className="table-scroll">
      <table className={styles.table} aria-label="Delivery log">
        <thead>
          <tr>
            <th>When</th>
            <th>Alert</th>
            <th>Attempt</th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={`${row.alert_id}-${row.attempt}-${i}`}>
              <td className="small">{new Date(row.at).toLocaleString()}</td>
              <td className="small">{row.title ?? row.alert_id}</td>
              <td className="num">{row.attempt}</td>
              <td className="small">
                {row.ok
                  ? `Delivered${row.status_code ? ` (HTTP ${row.status_code})` : ""}`
                  : `Failed${row.status_code ? ` (HTTP ${row.status_code})` : ""}: ${row.error ?? ""}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ChannelsPanel({ projectId, canManage }: { projectId: string; canManage: boolean }) {
  const channels = useAlertChannels(projectId);
  const [open, setOpen] = useState<string | null>(null);
  const [kind, setKind] = useState("email");
  const [name, setName] = useState("");
  const [target, setTarget] = useState("");
  const [severity, setSeverity] = useState("high");
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const create = useCreateChannel(projectId);
  const createErrors = formErrors(create.error ?? null, ["name", "target"]);
  const update = useUpdateChannel(projectId);
  const test = useTestChannel(projectId);
  const remove = useDeleteChannel(projectId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { kind, name, target, anomaly_min_severity: severity === "none" ? null : severity },
      {
        onSuccess: (data) => {
          setNotice(
            data.signing_secret ? { ok: true, text: `Signing secret (shown once): ${data.signing_secret}` } : null,
          );
          setName("");
          setTarget("");
        },
      },
    );
  };
  const runTest = (id: string) =>
    test.mutate(id, {
      onSuccess: (result) => {
        setNotice(
          result.ok
            ? { ok: true, text: `Test delivered${result.status_code ? ` (HTTP ${result.status_code})` : ""}` }
            : { ok: false, text: `Test failed: ${result.error}` },
        );
        setOpen(id);
      },
    });

  return (
    <section className="card">
      <div className="card-header">
        <div>
          <h2 style={{ fontSize: 15, margin: 0 }}>Alert channels</h2>
          <p>Budget thresholds and new anomalies go to every channel of the organisation, within a minute.</p>
        </div>
      </div>
      <div className="card-body stack-sm">
        {notice && <div className={`alert ${notice.ok ? "alert-info" : "alert-error"}`}>{notice.text}</div>}
        {(update.error || test.error || remove.error) && (
          <div className="alert alert-error">{(update.error ?? test.error ?? remove.error)!.message}</div>
        )}
        {channels.isError && (
          <div className="alert alert-error">Could not load the alert channels: {channels.error.message}</div>
        )}
        {channels.isSuccess && channels.data.length === 0 && (
          <p className="muted small">No channels yet: alerts reach no one until one is added.</p>
        )}
        <div className="table-scroll">
          <table className={styles.table} aria-label="Alert channels">
            <thead>
              <tr>
                <th>Channel</th>
                <th>Destination</th>
                <th>Takes</th>
                <th>State</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {(channels.data ?? []).map((channel) => (
                <Fragment key={channel.id}>
                  <tr>
                    <td>
                      <strong>{channel.name}</strong>
                      <div className="muted small">{channel.kind}</div>
                    </td>
                    <td className="small">{channel.target}</td>
                    <td className="small">
                      {channel.budget_alerts ? "Budgets" : "No budgets"} ·{" "}
                      {channel.anomaly_min_severity ? `anomalies ≥ ${channel.anomaly_min_severity}` : "no anomalies"}
                    </td>
                    <td className="small">
                      {channel.disabled_at
                        ? `Disabled: ${channel.disabled_reason}`
                        : channel.muted
                          ? "Muted"
                          : "Active"}
                    </td>
                    <td>
                      {/* One line of buttons: on a phone the table scrolls sideways rather than stacking them. */}
                      <div className={`row ${styles.actions}`}>
                        <button
                          className="btn btn-sm"
                          type="button"
                          aria-expanded={open === channel.id}
                          onClick={() => setOpen(open === channel.id ? null : channel.id)}
                        >
                          Delivery log
                        </button>
                        {canManage && (
                          <>
                            <button
                              className="btn btn-sm"
                              type="button"
                              onClick={() => runTest(channel.id)}
                              disabled={test.isPending}
                            >
                              Send test
                            </button>
                            <button
                              className="btn btn-sm"
                              type="button"
                              onClick={() => update.mutate({ id: channel.id, body: { muted: !channel.muted } })}
                            >
                              {channel.muted ? "Unmute" : "Mute"}
                            </button>
                            {channel.disabled_at && (
                              <button
                                className="btn btn-sm"
                                type="button"
                                onClick={() => update.mutate({ id: channel.id, body: { enabled: true } })}
                              >
                                Re-enable
                              </button>
                            )}
                            <button
                              className="btn btn-sm btn-danger"
                              type="button"
                              onClick={() => remove.mutate(channel.id)}
                            >
                              Remove
                            </button>
                          </>
                        )}
                      </div>
                    </td>
                  </tr>
                  {open === channel.id && (
                    <tr>
                      <td colSpan={5}>
                        <DeliveryLog projectId={projectId} channelId={channel.id} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
        {canManage && (
          <form className={styles.form} onSubmit={submit} aria-label="New alert channel">
            <SelectField id="channel-kind" label="Kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="email">Email</option>
              <option value="slack">Slack incoming webhook</option>
              <option value="webhook">Signed webhook</option>
            </SelectField>
            <TextField
              id="channel-name"
              label="Name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              error={createErrors.of("name")}
              required
            />
            <TextField
              id="channel-target"
              label={kind === "email" ? "Email address" : "Webhook URL"}
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              error={createErrors.of("target")}
              required
            />
            <SelectField
              id="channel-severity"
              label="Anomalies"
              value={severity}
              onChange={(e) => setSeverity(e.target.value)}
            >
              <SeverityThresholdOptions noneLabel="None" />
            </SelectField>
            <div>
              <button className="btn btn-primary" type="submit" disabled={create.isPending}>
                Add channel
              </button>
            </div>
            {createErrors.banner && (
              <div className="alert alert-error" role="alert">
                {createErrors.banner}
              </div>
            )}
          </form>
        )}
      </div>
    </section>
  );
}

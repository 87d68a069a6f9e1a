"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import {
  changeRoleAction,
  inviteMemberAction,
  removeMemberAction,
  revokeInvitationAction,
} from "@/lib/actions/members";
import { CopyButton } from "@/components/copy-button";
import { SelectField, TextField } from "@/components/form-field";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { DataTable } from "@/components/data-table";

interface MemberView {
  userId: string;
  name: string | null;
  email: string;
  role: Role;
  joined: string;
  editable: boolean;
}

interface InvitationView {
  id: string;
  email: string | null;
  role: Role;
  expires: string;
}

const ROLE_HELP: Record<Role, string> = {
  owner: "everything, including other owners",
  admin: "members, projects, keys, prices and plans",
  engineer: "API keys, prices and anomalies",
  finance: "plans, revenue imports and anomalies",
  viewer: "reads dashboards, changes nothing",
};

export function MembersPanel(props: {
  org: string;
  baseUrl: string;
  currentUserId: string;
  canManage: boolean;
  assignableRoles: Role[];
  members: MemberView[];
  invitations: InvitationView[];
}) {
  const { org, canManage, members, invitations } = props;
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [link, setLink] = useState<{ url: string; role: Role; email: string | null } | null>(null);
  const invitable = props.assignableRoles.filter((role) => role !== "owner");

  function run(work: () => Promise<{ ok: boolean; message?: string; field?: string }>) {
    startTransition(async () => {
      const result = await work();
      setError(result.ok ? null : { field: result.field, message: result.message ?? "failed" });
      router.refresh();
    });
  }

  function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const role = String(form.get("role")) as Role;
    const email = String(form.get("email") ?? "").trim();
    const element = event.currentTarget;
    startTransition(async () => {
      const result = await inviteMemberAction({ org, role, email });
      if (!result.ok) {
        setError({ field: result.field, message: result.message });
        return;
      }
      setError(null);
      setLink({ url: `${props.baseUrl}/invite/${result.data.token}`, role, email: email || null });
      element.reset();
      router.refresh();
    });
  }

  return (
    <div className="stack">
      {error && (
        <div className="alert alert-error" role="alert">
          {error.field ? `${error.field}: ` : ""}
          {error.message}
        </div>
      )}

      {canManage && invitable.length > 0 && (
        <form className="card" onSubmit={invite} aria-label="Invite a member">
          <div className="card-header">
            <h2>Invite by link</h2>
            <p>Anyone with the link can join as the chosen role until it is used, revoked or 14 days pass.</p>
          </div>
          <div className="card-body row" style={{ alignItems: "flex-end", gap: 16 }}>
            <TextField
              id="invite-email"
              label="Email (optional: restricts the link to this address)"
              fieldStyle={{ flex: "1 1 260px" }}
              name="email"
              type="email"
              placeholder="teammate@company.com"
              aria-invalid={error?.field === "email"}
            />
            <SelectField
              id="invite-role"
              label="Role"
              fieldStyle={{ flex: "0 1 220px" }}
              name="role"
              defaultValue="viewer"
            >
              {invitable.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]} — {ROLE_HELP[role]}
                </option>
              ))}
            </SelectField>
            <button className="btn btn-primary" type="submit" disabled={pending}>
              Create invite link
            </button>
          </div>
          {link && (
            <div
              className="card-body stack-sm"
              style={{ borderTop: "1px solid var(--border)" }}
              data-testid="invite-link-box"
            >
              <div className="alert alert-warn">
                Invite link for {link.email ?? "anyone"} as {ROLE_LABELS[link.role]}: copy it now, it is shown only
                once.
              </div>
              <div className="row">
                <code className="secret" data-testid="invite-link">
                  {link.url}
                </code>
                <CopyButton value={link.url} />
              </div>
            </div>
          )}
        </form>
      )}

      <section className="card" aria-label="Members">
        <div className="card-header">
          <h2>Members</h2>
          <span className="muted small">{members.length}</span>
        </div>
        <DataTable scroll columns={["Name", "Role", "Joined", canManage && { ariaLabel: "Actions" }]}>
          {members.map((member) => (
            <tr key={member.userId} data-testid="member-row">
              <td>
                <div style={{ fontWeight: 500 }}>
                  {member.name ?? member.email}
                  {member.userId === props.currentUserId && <span className="muted"> (you)</span>}
                </div>
                <div className="muted small">{member.email}</div>
              </td>
              <td>
                {member.editable ? (
                  <select
                    aria-label={`Role of ${member.email}`}
                    className="select"
                    value={member.role}
                    disabled={pending}
                    onChange={(event) =>
                      run(() => changeRoleAction({ org, memberId: member.userId, role: event.target.value }))
                    }
                  >
                    {props.assignableRoles.map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span className={member.role === "owner" ? "badge badge-accent" : "badge"}>
                    {ROLE_LABELS[member.role]}
                  </span>
                )}
              </td>
              <td className="num" style={{ textAlign: "left" }}>
                {member.joined}
              </td>
              {canManage && (
                <td className="num">
                  {member.editable && (
                    <button
                      type="button"
                      className="btn btn-sm btn-danger"
                      disabled={pending}
                      onClick={() => {
                        if (window.confirm(`Remove ${member.email} from this organisation?`)) {
                          run(() => removeMemberAction({ org, memberId: member.userId }));
                        }
                      }}
                    >
                      Remove
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      </section>

      {canManage && invitations.length > 0 && (
        <section className="card" aria-label="Open invitations">
          <div className="card-header">
            <h2>Open invitations</h2>
          </div>
          <DataTable scroll columns={["For", "Role", "Expires", { ariaLabel: "Actions" }]}>
            {invitations.map((invitation) => (
              <tr key={invitation.id}>
                <td>{invitation.email ?? <span className="muted">anyone with the link</span>}</td>
                <td>
                  <span className="badge">{ROLE_LABELS[invitation.role]}</span>
                </td>
                <td>{invitation.expires}</td>
                <td className="num">
                  <button
                    type="button"
                    className="btn btn-sm btn-danger"
                    disabled={pending}
                    onClick={() => run(() => revokeInvitationAction({ org, invitationId: invitation.id }))}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}
    </div>
  );
}

import type { Metadata } from "next";
import { AppLink } from "@/components/app-link";
import { EmailFrame } from "@/components/digest/email-frame";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireOrgAccess } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { listOutbox, getOutboxMessage } from "@/lib/mail/outbox";
import type { OrgPageProps } from "@/app/o/[org]/_shell/page-props";

export const metadata: Metadata = { title: "Outbox" };
export const dynamic = "force-dynamic";

/** Email kept locally while no SMTP server is configured. Members see their own; admins all. */
export default async function OutboxPage({ params, searchParams }: OrgPageProps) {
  const { org } = await params;
  const access = await requireOrgAccess(org);
  const search = await searchParams;
  const { pool } = getDb();
  const onlyUser = can(access.role, "manageMembers") ? null : access.userId;
  const messages = await listOutbox(pool, access.orgId, onlyUser);
  const id = typeof search.id === "string" ? search.id : messages[0]?.id;
  const open = id ? await getOutboxMessage(pool, access.orgId, id, onlyUser) : null;
  const smtp = Boolean(getEnv().SMTP_URL);
  return (
    <>
      <PageHeader
        title="Outbox"
        description={
          smtp
            ? "SMTP is configured: new email goes to the mail server; older local messages stay here."
            : "No SMTP_URL is set, so email is kept here instead of being sent."
        }
      />
      {messages.length === 0 ? (
        <EmptyState title="No messages" description="Digests appear here when they are sent without an SMTP server." />
      ) : (
        <div style={{ display: "flex", flexWrap: "wrap", gap: 16, alignItems: "flex-start" }}>
          <nav className="card" aria-label="Messages" style={{ flex: "1 1 220px", minWidth: 0 }}>
            {messages.map((m) => (
              <AppLink
                key={m.id}
                href={`?id=${m.id}`}
                style={{
                  display: "block",
                  padding: "10px 14px",
                  borderBottom: "1px solid var(--border)",
                  background: m.id === open?.id ? "var(--accent-soft)" : undefined,
                }}
              >
                <div style={{ fontWeight: 500, fontSize: 13 }}>{m.subject}</div>
                <div className="muted small">
                  {m.toAddress} · {m.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                </div>
              </AppLink>
            ))}
          </nav>
          {open && (
            <div style={{ flex: "3 1 480px", minWidth: 0 }}>
              <EmailFrame
                subject={open.subject}
                html={open.html}
                text={open.text}
                meta={`To ${open.toAddress} · ${open.createdAt.toISOString()}`}
              />
            </div>
          )}
        </div>
      )}
    </>
  );
}

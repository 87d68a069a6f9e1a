import type { Metadata } from "next";
import { EmailFrame } from "@/components/digest/email-frame";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireOrgAccess } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { appUrl } from "@/lib/env";
import { buildDigestData } from "@/lib/digest/db/build";
import { getSubscription } from "@/lib/digest/db/subscriptions";
import { renderDigest } from "@/lib/digest/render";
import { unsubscribeSecret } from "@/lib/digest/secret";
import { lastCompleteWeek, parseWeekKey, shiftWeek, weekRange } from "@/lib/calendar/week";
import type { OrgPageProps } from "@/app/o/[org]/_shell/page-props";

export const metadata: Metadata = { title: "Digest preview" };
export const dynamic = "force-dynamic";

const WEEKS_OFFERED = 12;

/** The weekly digest of any past week, exactly as the signed-in member would receive it. */
export default async function DigestPreviewPage({ params, searchParams }: OrgPageProps) {
  const { org } = await params;
  const access = await requireOrgAccess(org);
  const search = await searchParams;
  const { pool } = getDb();
  const subscription = await getSubscription(pool, access.orgId, access.userId);
  const timezone = subscription?.timezone ?? access.timezone;
  const latest = lastCompleteWeek(new Date(), timezone);
  const weeks = Array.from({ length: WEEKS_OFFERED }, (_, i) => shiftWeek(latest, -i));
  let week = typeof search.week === "string" ? search.week : latest;
  try {
    parseWeekKey(week);
    if (week > latest) week = latest;
  } catch {
    week = latest;
  }
  const built = await buildDigestData(
    pool,
    { orgId: access.orgId, userId: access.userId, projectId: subscription?.projectId ?? null, weekKey: week, timezone },
    { baseUrl: appUrl(), secret: unsubscribeSecret() },
  );
  const rendered = built ? renderDigest(built.data) : null;
  const picker = (
    <form method="get" className="row">
      <label htmlFor="week" className="label">
        Week
      </label>
      <select id="week" name="week" className="select" defaultValue={week}>
        {(weeks.includes(week) ? weeks : [week, ...weeks]).map((w) => {
          const r = weekRange(w, timezone);
          return (
            <option key={w} value={w}>
              {w} ({r.firstDay} – {r.lastDay})
            </option>
          );
        })}
      </select>
      <button type="submit" className="btn btn-sm">
        Show
      </button>
    </form>
  );
  return (
    <>
      <PageHeader
        title="Digest preview"
        description={`What you would receive for ${access.orgName}${subscription?.enabled ? "" : " (your digest is off)"}`}
        actions={picker}
      />
      {rendered && built ? (
        <EmailFrame
          subject={rendered.subject}
          html={rendered.html}
          text={rendered.text}
          meta={`To ${built.to} · week ${week}`}
        />
      ) : (
        <EmptyState
          title="No project yet"
          description="The digest summarises a project's week; create a project and send events first."
        />
      )}
    </>
  );
}

import type { Metadata } from "next";
import { AppLink } from "@/components/app-link";
import { NotificationsForm } from "@/components/digest/notifications-form";
import { PageHeader } from "@/components/page-header";
import { requireOrgAccess } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { getSubscription } from "@/lib/digest/db/subscriptions";
import { saveNotifications } from "@/lib/actions/notifications";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const access = await requireOrgAccess(org);
  const { pool, prisma } = getDb();
  const [subscription, projects] = await Promise.all([
    getSubscription(pool, access.orgId, access.userId),
    prisma.project.findMany({
      where: { orgId: access.orgId },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true },
    }),
  ]);
  const initial = {
    enabled: subscription?.enabled ?? false,
    weekday: subscription?.weekday ?? 1,
    hour: subscription?.hour ?? 8,
    timezone: subscription?.timezone ?? access.timezone,
    projectId: subscription?.projectId ?? null,
  };
  const zones = Intl.supportedValuesOf("timeZone");
  const timezones = zones.includes(initial.timezone) ? zones : [initial.timezone, ...zones];
  return (
    <>
      <PageHeader
        title="Notifications"
        description={`Your weekly digest for ${access.orgName}${subscription && !subscription.explicit ? " (your role's default until you save)" : ""}`}
        actions={
          <AppLink className="btn btn-sm" href={`/o/${encodeURIComponent(org)}/digest`}>
            Preview the digest
          </AppLink>
        }
      />
      <section className="card card-body">
        <NotificationsForm
          action={saveNotifications.bind(null, org)}
          initial={initial}
          projects={projects}
          timezones={timezones}
        />
      </section>
    </>
  );
}

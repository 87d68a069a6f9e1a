import type { Metadata } from "next";
import { publicBaseUrl } from "@/components/base-url";
import { PageHeader } from "@/components/page-header";
import { AttributionForm } from "@/components/send-data/attribution-form";
import { SendDataGuide } from "@/components/send-data/send-data-guide";
import { projectPath } from "@/components/shell/nav-items";
import { requireProjectAccess } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { readProjectAttribution } from "@/lib/otlp/project-attribution";

export const metadata: Metadata = { title: "Send data" };

export default async function SendDataPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  const access = await requireProjectAccess(org, project);
  const canManage = can(access.role, "manageApiKeys");
  const createKeyHref = canManage ? projectPath(access.orgSlug, access.projectSlug, "settings/keys?new=ingest") : null;
  const attribution = await readProjectAttribution(getDb().pool, access.projectId);
  return (
    <>
      <PageHeader
        title="Send data"
        description={`How model calls reach ${access.projectName}: an SDK, OpenTelemetry, your framework, or plain HTTP.`}
      />
      <SendDataGuide endpoint={await publicBaseUrl()} createKeyHref={createKeyHref} />
      <AttributionForm
        org={org}
        project={project}
        customer={attribution.customer}
        feature={attribution.feature}
        canManage={canManage}
      />
    </>
  );
}

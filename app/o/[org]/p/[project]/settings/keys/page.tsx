import type { Metadata } from "next";
import { formatDateTimeWithYear } from "@/lib/format";
import { PageHeader } from "@/components/page-header";
import { KeysPanel } from "@/components/settings/keys-panel";
import { isKeyScope, type KeyScope } from "@/lib/auth/api-keys";
import { requireProjectAccess } from "@/lib/auth/guard";
import { listProjectKeys } from "@/lib/auth/project-keys";
import { can, canGrantKeyScope } from "@/lib/auth/roles";
import type { ProjectPageProps } from "@/app/o/[org]/_shell/page-props";

export const metadata: Metadata = { title: "API keys" };

export default async function KeysPage({ params, searchParams }: ProjectPageProps) {
  const { org, project } = await params;
  const access = await requireProjectAccess(org, project);
  const keys = await listProjectKeys(access.userId, org, project);
  const requested = (await searchParams).new;
  const initialScopes: KeyScope[] = typeof requested === "string" && isKeyScope(requested) ? [requested] : ["ingest"];
  return (
    <>
      <PageHeader
        title="API keys"
        description={`Keys for ${access.projectName}. Ingest keys send events; read keys query the API. A key is shown once, when it is created.`}
      />
      <KeysPanel
        org={org}
        project={project}
        canManage={can(access.role, "manageApiKeys")}
        grantableScopes={(["ingest", "read", "admin"] as const).filter((scope) => canGrantKeyScope(access.role, scope))}
        initialScopes={initialScopes}
        openForm={typeof requested === "string"}
        keys={keys.map((key) => ({
          id: key.id,
          name: key.name,
          masked: key.masked,
          scopes: key.scopes,
          createdAt: formatDateTimeWithYear(key.createdAt, access.timezone),
          createdBy: key.createdBy,
          lastUsedAt: key.lastUsedAt ? formatDateTimeWithYear(key.lastUsedAt, access.timezone) : "Never",
          revokedAt: key.revokedAt ? formatDateTimeWithYear(key.revokedAt, access.timezone) : null,
        }))}
      />
    </>
  );
}

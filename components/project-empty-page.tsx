import type { DateRange } from "@/lib/analytics/date-range";
import type { ProjectAccess } from "@/lib/auth/membership";
import { can } from "@/lib/auth/roles";
import { publicBaseUrl } from "./base-url";
import { FirstEventGuide } from "./first-event-guide";
import { PageHeader } from "./page-header";
import { projectPath } from "./shell/nav-items";

/**
 * What an analytics page shows until it has data: its header with the range, and the guide to
 * the first event. Pages swap the guide for their content once events exist.
 */
export async function ProjectEmptyPage({
  access,
  title,
  description,
  range,
}: {
  access: ProjectAccess;
  title: string;
  description: string;
  range?: DateRange;
}) {
  const endpoint = await publicBaseUrl();
  const createKeyHref = can(access.role, "manageApiKeys")
    ? projectPath(access.orgSlug, access.projectSlug, "settings/keys?new=ingest")
    : null;
  return (
    <>
      <PageHeader title={title} description={range ? `${description} · ${range.label}` : description} />
      <FirstEventGuide endpoint={endpoint} createKeyHref={createKeyHref} />
    </>
  );
}

import type { Metadata } from "next";
import { segmentToKey } from "@/components/dashboard/scope";
import { loadScope } from "@/app/o/[org]/p/[project]/_dashboard/scope";
import { ProjectEmptyPage } from "@/components/project-empty-page";
import { DimensionDetailPage } from "../../_dashboard/dimension-detail-page";

type Params = Promise<{ org: string; project: string; key: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const key = segmentToKey((await params).key);
  return { title: `${key || "(not set)"} · Model` };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ModelDetailPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { key } = await params;
  const { access, scope, hasEvents } = await loadScope(params);
  if (!hasEvents) return <ProjectEmptyPage access={access} title="Model" description="Cost of one model" />;
  return (
    <DimensionDetailPage
      scope={scope}
      calendar={access.calendar}
      search={await searchParams}
      kind="model"
      entityKey={segmentToKey(key)}
    />
  );
}

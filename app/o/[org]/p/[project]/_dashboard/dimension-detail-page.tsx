/**
 * The route of one feature, customer or model: its title, and the page with its first data
 * already in it (./prefetch), so it paints with numbers; the first-event guide until the project
 * has events.
 */
import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { ProjectEmptyPage } from "@/components/project-empty-page";
import { DimensionDetail } from "@/components/dashboard/dimension-detail";
import { modelOptions } from "@/components/dashboard/model-options";
import { segmentToKey, type DimensionKind } from "@/components/dashboard/scope";
import { prefetchDetail } from "./prefetch";
import type { ProjectPageProps } from "@/app/o/[org]/_shell/page-props";
import { loadScope } from "./scope";

type DetailParams = Promise<Awaited<ProjectPageProps["params"]> & { key: string }>;

const TITLES: Record<DimensionKind, string> = { feature: "Feature", customer: "Customer", model: "Model" };

/** `generateMetadata` and the page of `<kind>s/[key]/page.tsx`. */
export function dimensionDetailRoute(kind: DimensionKind) {
  const title = TITLES[kind];

  async function generateMetadata({ params }: { params: DetailParams }): Promise<Metadata> {
    const key = segmentToKey((await params).key);
    return { title: `${key || "(not set)"} · ${title}` };
  }

  async function DimensionDetailPage({
    params,
    searchParams,
  }: {
    params: DetailParams;
    searchParams: ProjectPageProps["searchParams"];
  }) {
    const entityKey = segmentToKey((await params).key);
    const { access, scope, hasEvents } = await loadScope(params);
    if (!hasEvents) return <ProjectEmptyPage access={access} title={title} description={`Cost of one ${kind}`} />;
    const state = await prefetchDetail({
      projectId: scope.projectId,
      calendar: access.calendar,
      search: await searchParams,
      kind,
      entityKey,
    });
    return (
      <HydrationBoundary state={state}>
        <DimensionDetail scope={scope} kind={kind} entityKey={entityKey} modelOptions={modelOptions()} />
      </HydrationBoundary>
    );
  }

  return { generateMetadata, DimensionDetailPage };
}

import type { Metadata } from "next";
import { DimensionDetail } from "@/components/dashboard/dimension-detail";
import { modelOptions } from "@/components/dashboard/model-options";
import { segmentToKey } from "@/components/dashboard/scope";
import { loadScope } from "@/components/dashboard/server";
import { ProjectEmptyPage } from "@/components/project-empty-page";

type Params = Promise<{ org: string; project: string; key: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const key = segmentToKey((await params).key);
  return { title: `${key || "(not set)"} · Customer` };
}

export default async function CustomerDetailPage({ params }: { params: Params }) {
  const { key } = await params;
  const { access, scope, hasEvents } = await loadScope(params);
  if (!hasEvents) return <ProjectEmptyPage access={access} title="Customer" description="Cost of one customer" />;
  return <DimensionDetail scope={scope} kind="customer" entityKey={segmentToKey(key)} modelOptions={modelOptions()} />;
}

import { redirect } from "next/navigation";
import { projectPath } from "@/components/shell/nav-items";

export default async function ProjectIndex({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  redirect(projectPath(org, project, "overview"));
}

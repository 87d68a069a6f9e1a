import type { Metadata } from "next";
import { publicBaseUrl } from "@/components/base-url";
import { formatDate } from "@/lib/format";
import { PageHeader } from "@/components/page-header";
import { MembersPanel } from "@/components/settings/members-panel";
import { requireOrgAccess } from "@/lib/auth/guard";
import { listMembers } from "@/lib/auth/members";
import { can, canAssignRole, ROLES } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const access = await requireOrgAccess(org);
  const { members, invitations } = await listMembers(access.userId, org);
  const manage = can(access.role, "manageMembers");
  // The last owner cannot be demoted or removed; offering the controls would only produce an error.
  const owners = members.filter((member) => member.role === "owner").length;
  return (
    <>
      <PageHeader title="Members" description={`People in ${access.orgName} and what each may do.`} />
      <MembersPanel
        org={access.orgSlug}
        baseUrl={await publicBaseUrl()}
        currentUserId={access.userId}
        canManage={manage}
        assignableRoles={ROLES.filter((role) => canAssignRole(access.role, role))}
        members={members.map((member) => ({
          userId: member.userId,
          name: member.name,
          email: member.email,
          role: member.role,
          joined: formatDate(member.joinedAt, access.timezone),
          editable: manage && canAssignRole(access.role, member.role) && !(member.role === "owner" && owners === 1),
        }))}
        invitations={invitations.map((invitation) => ({
          id: invitation.id,
          email: invitation.email,
          role: invitation.role,
          expires: formatDate(invitation.expiresAt, access.timezone),
        }))}
      />
    </>
  );
}

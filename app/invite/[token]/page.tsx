import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitation } from "@/components/auth/accept-invitation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/signup-form";
import { findOpenInvitation } from "@/lib/auth/accounts";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { currentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = token.length <= 200 ? await findOpenInvitation(token) : null;
  if (!invitation) {
    return (
      <AuthCard
        title="This invitation cannot be used"
        subtitle="It is invalid, expired, revoked or already used. Ask whoever invited you for a new link."
      >
        <Link href="/login" className="btn btn-block">
          Go to log in
        </Link>
      </AuthCard>
    );
  }
  const user = await currentUser();
  const path = `/invite/${encodeURIComponent(token)}`;
  return (
    <AuthCard
      title={`Join ${invitation.orgName}`}
      subtitle={
        <>
          You are invited as <strong data-testid="invite-role">{ROLE_LABELS[invitation.role]}</strong>
          {invitation.email ? <> ({invitation.email})</> : null}.
        </>
      }
      footer={
        user ? undefined : (
          <>
            Already have an account?{" "}
            <Link href={`/login?callbackUrl=${encodeURIComponent(path)}`}>Log in to accept</Link>
          </>
        )
      }
    >
      {user ? (
        <AcceptInvitation token={token} email={user.email} callbackPath={path} />
      ) : (
        <SignUpForm invitation={{ token, email: invitation.email }} />
      )}
    </AuthCard>
  );
}

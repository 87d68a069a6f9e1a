"use client";

import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { acceptInvitationAction } from "@/lib/actions/signup";

export function AcceptInvitation({
  token,
  email,
  callbackPath,
}: {
  token: string;
  email: string | null;
  callbackPath: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function accept() {
    setPending(true);
    const result = await acceptInvitationAction({ token });
    if (!result.ok) {
      setPending(false);
      setError(result.message);
      return;
    }
    router.push(`/o/${encodeURIComponent(result.data.orgSlug)}`);
    router.refresh();
  }

  return (
    <div className="stack">
      <p className="muted">
        Signed in as <strong>{email}</strong>.
      </p>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <button type="button" className="btn btn-primary btn-block" onClick={accept} disabled={pending}>
        {pending ? "Joining…" : "Accept invitation"}
      </button>
      <button
        type="button"
        className="btn btn-block"
        onClick={() => signOut({ callbackUrl: `/login?callbackUrl=${encodeURIComponent(callbackPath)}` })}
      >
        Not you? Sign out
      </button>
    </div>
  );
}

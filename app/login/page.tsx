import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { oauthProviders } from "@/lib/auth/options";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { currentUserId } from "@/lib/auth/session";
import { DEMO_CREDENTIALS, isDemoInstance } from "@/lib/demo/account";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await currentUserId()) redirect(callbackUrl);
  // Demo credentials are shown only on the embedded demo instance, never on a real deployment.
  const demo = getEnv().INFERLEDGER_EMBEDDED === "1" && (await isDemoInstance());
  const error = typeof params.error === "string" ? params.error : null;
  return (
    <AuthCard
      title="Log in"
      subtitle="AI spend observability and unit economics"
      footer={
        <>
          New to InferLedger? <Link href="/signup">Create an account</Link>
        </>
      }
    >
      {demo && (
        <div className="alert alert-info" data-testid="demo-credentials">
          <strong>Demo instance.</strong> Log in as <code>{DEMO_CREDENTIALS.email}</code> with password{" "}
          <code>{DEMO_CREDENTIALS.password}</code>.
        </div>
      )}
      <LoginForm
        callbackUrl={callbackUrl}
        providers={oauthProviders()}
        initialError={error}
        defaultEmail={demo ? DEMO_CREDENTIALS.email : undefined}
      />
    </AuthCard>
  );
}

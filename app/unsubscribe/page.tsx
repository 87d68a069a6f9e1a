import type { Metadata } from "next";
import { unsubscribeSecret } from "@/lib/digest/secret";
import { verifyUnsubscribeToken } from "@/lib/digest/unsubscribe";

export const metadata: Metadata = { title: "Unsubscribe" };
export const dynamic = "force-dynamic";

/**
 * GET shows what the link would do and a confirm button (link scanners that follow every URL
 * must not unsubscribe anyone); the button POSTs to the one-click endpoint.
 */
export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const search = await searchParams;
  const token = typeof search.token === "string" ? search.token : "";
  const valid = token ? verifyUnsubscribeToken(token, unsubscribeSecret()) !== null : false;
  let body;
  if (search.done)
    body = (
      <div className="alert alert-good" role="status">
        You are unsubscribed from the weekly digest. You can turn it back on in your notification settings.
      </div>
    );
  else if (search.error || (token && !valid))
    body = (
      <div className="alert alert-error" role="alert">
        This unsubscribe link is not valid. It may have been altered; use the link from the latest email.
      </div>
    );
  else if (!token) body = <p className="muted">Open the unsubscribe link from a digest email.</p>;
  else
    body = (
      <form method="post" action={`/unsubscribe/one-click?token=${encodeURIComponent(token)}`} className="stack-sm">
        <p>Stop receiving the InferLedger weekly digest for this organisation?</p>
        <button type="submit" className="btn btn-primary">
          Unsubscribe
        </button>
      </form>
    );
  return (
    <main className="auth-page">
      <div className="auth-box">
        <div className="auth-brand">
          <span className="brand-mark">IL</span> InferLedger
        </div>
        <section className="card card-body stack">
          <h1 style={{ fontSize: 18, margin: 0 }}>Weekly digest</h1>
          {body}
        </section>
      </div>
    </main>
  );
}

import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/lib/db/client";
import { unsubscribe } from "@/lib/digest/db/subscriptions";
import { unsubscribeSecret } from "@/lib/digest/secret";
import { verifyUnsubscribeToken } from "@/lib/digest/unsubscribe";

export const dynamic = "force-dynamic";

/**
 * POST /unsubscribe/one-click?token=...: RFC 8058 one-click unsubscribe (mail clients POST
 * `List-Unsubscribe=One-Click` here) and the target of the confirm button on /unsubscribe.
 * A forged or altered token changes nothing. Browsers are sent back to the page (303).
 */
export async function POST(req: NextRequest): Promise<Response> {
  const token = req.nextUrl.searchParams.get("token") ?? "";
  const claims = verifyUnsubscribeToken(token, unsubscribeSecret());
  const fromBrowser = (req.headers.get("accept") ?? "").includes("text/html");
  if (!claims || claims.purpose !== "weekly_digest") {
    if (fromBrowser) return NextResponse.redirect(new URL("/unsubscribe?error=invalid", req.nextUrl.origin), 303);
    return NextResponse.json(
      {
        error: {
          code: "invalid_query",
          message: "token: not a valid unsubscribe link",
          docs: "/docs/api#invalid_query",
        },
      },
      { status: 400 },
    );
  }
  await unsubscribe(getDb().pool, claims.orgId, claims.userId);
  if (fromBrowser) return NextResponse.redirect(new URL("/unsubscribe?done=1", req.nextUrl.origin), 303);
  return NextResponse.json({ unsubscribed: true });
}

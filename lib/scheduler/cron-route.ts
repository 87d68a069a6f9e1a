import { NextResponse, type NextRequest } from "next/server";
import { ApiError, errorResponse } from "@/lib/api/errors";
import { checkCronSecret } from "./cron-auth";

/** A POST handler for an external cron: checks the secret, runs the job, answers its summary. */
export function cronRoute(job: (req: NextRequest) => Promise<unknown>) {
  return async (req: NextRequest): Promise<Response> => {
    const auth = checkCronSecret(req.headers.get("x-cron-secret"));
    if (auth === "disabled") return errorResponse(new ApiError("not_found", "Not found"));
    if (auth === "unauthorized")
      return errorResponse(new ApiError("unauthorized", "Send the CRON_SECRET in the x-cron-secret header"));
    try {
      return NextResponse.json(await job(req));
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error);
      console.error("[cron] job failed", req.nextUrl.pathname, error);
      return errorResponse(new ApiError("internal_error", "The job failed; it has been logged."));
    }
  };
}

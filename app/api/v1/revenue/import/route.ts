import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { API_DOCS_URL, ApiError } from "@/lib/api/errors";
import { defineRoute } from "@/lib/api/route";
import { importRevenueCsv, usd } from "@/lib/margins/db";
import { actorOf } from "@/lib/margins/db/api";

export const dynamic = "force-dynamic";

const MAX_BYTES = 5_000_000;

/**
 * Imports actual revenue per customer and month from CSV (`customer,month,revenue_usd[,currency]`,
 * body `text/csv`). All or nothing: any bad row answers 422 with every rejected row (line,
 * field, reason) and nothing is written but a `rejected` entry in the import log.
 */
export const POST = defineRoute({
  auth: { session: "importRevenue" },
  handler: async ({ req, projectId, principal }) => {
    const type = (req.headers.get("content-type") ?? "").toLowerCase();
    if (!type.startsWith("text/csv") && !type.startsWith("text/plain")) {
      throw new ApiError("unsupported_media_type", `Content-Type must be text/csv, not ${type || "(none)"}`);
    }
    if (Number(req.headers.get("content-length") ?? "0") > MAX_BYTES) throw new ApiError("payload_too_large", `The file exceeds ${MAX_BYTES} bytes`);
    const text = await req.text();
    if (Buffer.byteLength(text) > MAX_BYTES) throw new ApiError("payload_too_large", `The file exceeds ${MAX_BYTES} bytes`);
    const filename = req.nextUrl.searchParams.get("filename")?.slice(0, 200) ?? null;
    const result = await importRevenueCsv(getDb(), projectId, actorOf(principal), text, filename);
    if (!result.ok) {
      const first = result.errors[0];
      return NextResponse.json(
        {
          error: {
            code: "unprocessable",
            message: `${result.rowsRejected} of ${result.rowsRead} rows were rejected; nothing was imported. First: line ${first?.line}, ${first?.field}: ${first?.reason}`,
            docs: `${API_DOCS_URL}#unprocessable`,
            importId: result.importId,
            rowsRead: result.rowsRead,
            rowsRejected: result.rowsRejected,
            rejected: result.errors,
          },
        },
        { status: 422 },
      );
    }
    return NextResponse.json({ importId: result.importId, rows: result.rows, customers: result.customers, months: result.months, total: usd(result.total) }, { status: 201 });
  },
});

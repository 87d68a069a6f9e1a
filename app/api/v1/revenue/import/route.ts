import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { API_DOCS_URL, ApiError } from "@/lib/api/errors";
import { defineRoute, actorOf } from "@/lib/api/route";
import { importRevenueCsv } from "@/lib/margins/db";
import { usdJson } from "@/lib/money";
import { closeImportedMonths } from "@/lib/margins/db/close-month";
import { importAnswerWire, wireBody } from "@/lib/margins/wire";

export const dynamic = "force-dynamic";

const MAX_BYTES = 5_000_000;
const MAX_CONFIRMED = 10_000;

/**
 * Imports actual revenue per customer and month from CSV (`customer,month,revenue_usd[,currency]`,
 * body `text/csv`). All or nothing: any bad row answers 422 with every rejected row (line,
 * field, reason) and nothing is written but a `rejected` entry in the import log. A row for a
 * customer that never sent an event is refused too (`unknown_customers` lists them) unless the
 * request confirms it by name: `?confirm_unknown_customers=new-co` (repeat for several), or
 * send JSON `{"csv": "...", "filename": "...", "confirm_unknown_customers": ["new-co"]}`.
 */
export const POST = defineRoute({
  summary:
    "Imports actual revenue per customer and month from CSV (text/csv, or JSON with `csv`), all or nothing; a 422 lists every rejected row.",
  auth: { session: "importRevenue" },
  response: importAnswerWire,
  status: 201,
  handler: async ({ req, projectId, principal }) => {
    const upload = await readUpload(req);
    const result = await importRevenueCsv(getDb(), projectId, actorOf(principal), upload.csv, upload);
    if (!result.ok) {
      const first = result.errors[0];
      return NextResponse.json(
        {
          error: {
            code: "unprocessable",
            message: `${result.rowsRejected} of ${result.rowsRead} rows were rejected; nothing was imported. First: line ${first?.line}, ${first?.field}: ${first?.reason}`,
            docs: `${API_DOCS_URL}#unprocessable`,
            import_id: result.importId,
            rows_read: result.rowsRead,
            rows_rejected: result.rowsRejected,
            rejected: result.errors,
            unknown_customers: result.unknownCustomers,
          },
        },
        { status: 422 },
      );
    }
    // Imported billing closes its months: their revenue is frozen from now on.
    const closedMonths = await closeImportedMonths(getDb(), projectId, result.months, actorOf(principal));
    return {
      import_id: result.importId,
      rows: result.rows,
      customers: result.customers,
      months: result.months,
      closed_months: closedMonths,
      total: usdJson(result.total),
    };
  },
});

const jsonUpload = wireBody({
  csv: z.string({ error: "the CSV text, as a string" }),
  filename: z.string().max(200, { error: "at most 200 characters" }).nullable().optional(),
  confirm_unknown_customers: z
    .array(z.string())
    .max(MAX_CONFIRMED, { error: `at most ${MAX_CONFIRMED} customers` })
    .optional(),
});

interface Upload {
  csv: string;
  filename: string | null;
  confirmUnknownCustomers: string[];
}

/** The file as text/csv (options in the query) or as JSON (options beside it). */
async function readUpload(req: NextRequest): Promise<Upload> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  const isJson = type.startsWith("application/json");
  if (!isJson && !type.startsWith("text/csv") && !type.startsWith("text/plain")) {
    throw new ApiError(
      "unsupported_media_type",
      `Content-Type must be text/csv or application/json, not ${type || "(none)"}`,
    );
  }
  if (Number(req.headers.get("content-length") ?? "0") > MAX_BYTES)
    throw new ApiError("payload_too_large", `The file exceeds ${MAX_BYTES} bytes`);
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BYTES)
    throw new ApiError("payload_too_large", `The file exceeds ${MAX_BYTES} bytes`);
  if (isJson) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError("invalid_body", "the body is not valid JSON");
    }
    const parsed = jsonUpload.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ApiError("invalid_body", `${issue.path.join(".") || "body"}: ${issue.message}`);
    }
    return {
      csv: parsed.data.csv,
      filename: parsed.data.filename ?? null,
      confirmUnknownCustomers: parsed.data.confirm_unknown_customers ?? [],
    };
  }
  const confirmUnknownCustomers = req.nextUrl.searchParams.getAll("confirm_unknown_customers");
  if (confirmUnknownCustomers.length > MAX_CONFIRMED)
    throw new ApiError("invalid_query", `confirm_unknown_customers: at most ${MAX_CONFIRMED} customers`);
  return {
    csv: text,
    filename: req.nextUrl.searchParams.get("filename")?.slice(0, 200) ?? null,
    confirmUnknownCustomers,
  };
}

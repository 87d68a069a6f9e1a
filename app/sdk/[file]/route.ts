import { ApiError, errorResponse } from "@/lib/api/errors";
import { SDK_TARBALL } from "@/lib/sdk/install";
import { readSdkTarball } from "@/lib/sdk/tarball";

export const dynamic = "force-dynamic";

/** GET /sdk/inferledger-sdk-<version>.tgz: the SDK this instance was built with, for `npm install <URL>`. Public. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  if (file !== SDK_TARBALL) return errorResponse(new ApiError("not_found", `file: no such SDK tarball ${JSON.stringify(file).slice(0, 120)}; this server has ${SDK_TARBALL}`));
  const bytes = await readSdkTarball();
  if (!bytes) return errorResponse(new ApiError("not_found", `${SDK_TARBALL} has not been built on this server: run \`npm run build\` (or \`npm run sdk:pack\`)`));
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "application/gzip",
      "content-length": String(bytes.length),
      "content-disposition": `attachment; filename="${SDK_TARBALL}"`,
      "cache-control": "public, max-age=300",
    },
  });
}

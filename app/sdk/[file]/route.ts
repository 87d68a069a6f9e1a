import { ApiError, errorResponse } from "@/lib/api/errors";
import { SDK_FILES } from "@/lib/sdk/install";
import { readSdkFile } from "@/lib/sdk/tarball";

export const dynamic = "force-dynamic";

/**
 * GET /sdk/inferledger-sdk-<version>.tgz (npm) and /sdk/inferledger-<version>.tar.gz (pip): the
 * SDKs this instance was built with, for `npm install <URL>` and `pip install <URL>`. Public.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  if (!SDK_FILES.has(file)) {
    const served = [...SDK_FILES.keys()].join(" and ");
    return errorResponse(
      new ApiError(
        "not_found",
        `file: no such SDK file ${JSON.stringify(file).slice(0, 120)}; this server has ${served}`,
      ),
    );
  }
  const bytes = await readSdkFile(file);
  if (!bytes)
    return errorResponse(
      new ApiError(
        "not_found",
        `${file} has not been built on this server: run \`npm run build\` (or \`npm run sdk:pack\`)`,
      ),
    );
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "application/gzip",
      "content-length": String(bytes.length),
      "content-disposition": `attachment; filename="${file}"`,
      "cache-control": "public, max-age=300",
    },
  });
}

// GET /docs/api/assets/:file — the API reference's renderer, served from the installed swagger-ui-dist package (no CDN;
// its stylesheet is bundled by the page; ../../SwaggerReference.tsx starts it). Only these files: nothing else of
// node_modules is reachable.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { NotFoundError } from "@/lib/errors";
import { route } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

const PACKAGE_FILES: Record<string, string> = { "swagger-ui-bundle.js": "text/javascript; charset=utf-8" };

const CACHE = "public, max-age=86400";

export const GET = route<{ file: string }>("docs-api-asset", async (_request, { params }) => {
  const { file } = await params;
  const type = PACKAGE_FILES[file];
  if (!type) throw new NotFoundError("No such file.");
  const body = await readFile(path.join(process.cwd(), "node_modules", "swagger-ui-dist", file));
  return new Response(body, { headers: { "content-type": type, "cache-control": CACHE } });
});

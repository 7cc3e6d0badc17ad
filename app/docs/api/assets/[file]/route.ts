// GET /docs/api/assets/:file — the API reference's renderer, served from the installed swagger-ui-dist package (no CDN;
// its stylesheet is bundled by the page), and the few lines that start it on /api/v1/openapi.json. Only these files:
// nothing else of node_modules is reachable.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { NotFoundError } from "@/lib/errors";
import { route } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

const PACKAGE_FILES: Record<string, string> = { "swagger-ui-bundle.js": "text/javascript; charset=utf-8" };

/** An external file rather than an inline script, so the page's policy needs nothing but its nonce. */
/** Starts at once when the page has already loaded by the time this runs (a slow bundle), else on load. */
const START = `(function () {
  function start() {
    window.SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", deepLinking: true, tryItOutEnabled: false });
  }
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
`;

const CACHE = "public, max-age=86400";

export const GET = route<{ file: string }>("docs-api-asset", async (_request, { params }) => {
  const { file } = await params;
  if (file === "start.js") return new Response(START, { headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": CACHE } });
  const type = PACKAGE_FILES[file];
  if (!type) throw new NotFoundError("No such file.");
  const body = await readFile(path.join(process.cwd(), "node_modules", "swagger-ui-dist", file));
  return new Response(body, { headers: { "content-type": type, "cache-control": CACHE } });
});

// GET /api/v1/openapi.json — the API's OpenAPI 3.1 document, generated from the operations' zod schemas. Public:
// it describes the API, not anyone's data.
import { openApiDocument } from "@/lib/api";
import { route } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

export const GET = route("api-v1-openapi", async () => Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }));

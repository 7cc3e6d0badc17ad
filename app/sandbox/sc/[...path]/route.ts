// SunCo's API, OAuth bridge and /_control served by the embedded sandbox, whenever sandbox mode is on.
import { env } from "@/lib/env";
import { serveMountedSandbox } from "@/lib/sandbox/mounted";

export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  if (!env().sunco.sandbox) return new Response("Not found", { status: 404 });
  return serveMountedSandbox(request);
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as HEAD, handle as OPTIONS };

import { after } from "next/server";
import { verifyRemovalNotice } from "@/lib/connections";
import { route } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

const MAX_NOTICE_BYTES = 64 * 1024;

/**
 * SunCo's removeUrl: called when a tenant removes the integration. Unauthenticated and undocumented, so the
 * body is only a hint, checked with tokenInfo after answering.
 */
export const POST = route("oauth-removed", async (request, { log }) => {
  const text = (await request.text()).slice(0, MAX_NOTICE_BYTES);
  let notice: unknown = text;
  try {
    notice = JSON.parse(text);
  } catch {
    // Not JSON: the ids are looked for in the raw text.
  }
  after(async () => {
    const result = await verifyRemovalNotice(notice);
    log.info(result, "removal notice verified");
  });
  return Response.json({});
});

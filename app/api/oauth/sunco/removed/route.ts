import { after } from "next/server";
import { admitRemovalNotice, MAX_REMOVAL_NOTICE_BYTES, verifyRemovalNotice } from "@/lib/connections";
import { clientAddressOf } from "@/lib/http/client-address";
import { readTextLimited } from "@/lib/http/read-body";
import { route } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/**
 * SunCo's removeUrl: called when a tenant removes the integration. Unauthenticated and undocumented, so the
 * body is only a hint, checked with tokenInfo after answering; rate-limited before anything is read.
 */
export const POST = route("oauth-removed", async (request, { log }) => {
  await admitRemovalNotice(clientAddressOf(request.headers));
  const text = await readTextLimited(request, MAX_REMOVAL_NOTICE_BYTES);
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

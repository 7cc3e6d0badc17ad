import { auditCsv } from "@/lib/audit/query";
import { requireMember } from "@/lib/auth/require-member";
import { route } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/** The audit log as CSV, with the same filters as the page (owners and admins). */
export const GET = route("audit-export", async (request) => {
  const member = await requireMember(null, "admin");
  const filters = Object.fromEntries(new URL(request.url).searchParams);
  const lines = auditCsv(member, filters);
  // Validate the filters before streaming, so a bad one is a 400 instead of a broken download.
  const header = await lines.next();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!header.done) controller.enqueue(encoder.encode(header.value));
    },
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="sunbridge-audit-${date}.csv"`,
    },
  });
});

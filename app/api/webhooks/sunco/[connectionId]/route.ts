// SunCo delivers a connection's webhook events here (the onboarding provisions the webhook with this URL). Under
// `npm start` and `npm run dev`, scripts/serve.ts answers this path itself (lib/webhooks/intake-server.ts) before Next
// sees the request; this handler answers wherever Next serves the path alone, through the same lib/webhooks code.
import { route } from "@/lib/http/route-handler";
import { metrics } from "@/lib/observability/metrics";
import { deliveryOfRequest, receiveWebhook } from "@/lib/webhooks";

interface Context {
  params: Promise<{ connectionId: string }>;
}

const receive = route<{ connectionId: string }>("webhook", async (request, { params }) => {
  const { connectionId } = await params;
  return Response.json(await receiveWebhook(connectionId, deliveryOfRequest(request)));
});

export async function POST(request: Request, context: Context): Promise<Response> {
  const response = await receive(request, context);
  metrics().webhookRequests.inc({ status: String(response.status) });
  return response;
}

/** SunCo checks a webhook's target with HEAD when the webhook is created. */
export function HEAD(): Response {
  return new Response(null, { status: 200 });
}

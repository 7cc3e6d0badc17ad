// SunCo delivers a connection's webhook events here (the onboarding provisions the webhook with this URL).
import { handleRoute } from "@/lib/http/route-handler";
import { receiveWebhook } from "@/lib/webhooks";

interface Context {
  params: Promise<{ connectionId: string }>;
}

export async function POST(request: Request, context: Context): Promise<Response> {
  return handleRoute(async () => {
    const { connectionId } = await context.params;
    return Response.json(await receiveWebhook(connectionId, request));
  });
}

/** SunCo checks a webhook's target with HEAD when the webhook is created. */
export function HEAD(): Response {
  return new Response(null, { status: 200 });
}

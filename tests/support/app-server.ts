// Serves Sunbridge's webhook route over HTTP on a random local port, as `next start` would, so that the SunCo
// sandbox can deliver real webhooks (and check the target with HEAD) in integration tests.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { HEAD, POST } from "@/app/api/webhooks/sunco/[connectionId]/route";

const WEBHOOK_ROUTE = /^\/api\/webhooks\/sunco\/([^/]+)$/;

export interface AppServer {
  /** Use as APP_URL. */
  url: string;
  stop(): Promise<void>;
}

export async function startAppServer(): Promise<AppServer> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve(
      {
        port: 0,
        hostname: "127.0.0.1",
        fetch: (request) => {
          const connectionId = new URL(request.url).pathname.match(WEBHOOK_ROUTE)?.[1];
          if (!connectionId) return new Response(null, { status: 404 });
          if (request.method === "HEAD") return HEAD();
          if (request.method === "POST") return POST(request, { params: Promise.resolve({ connectionId }) });
          return new Response(null, { status: 405 });
        },
      },
      () => resolve(started),
    );
    started.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}

// Serves Sunbridge's webhook intake over HTTP on a random local port, so that the SunCo sandbox can deliver real
// webhooks (and check the target with HEAD) in integration tests, and so that both intake paths can be held to the
// same tests: "route" serves the route handler as `next start` would, "server" answers through the intake
// scripts/serve.ts runs in production (lib/webhooks/intake-server.ts).
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { HEAD, POST } from "@/app/api/webhooks/sunco/[connectionId]/route";
import { answerWebhookDelivery } from "@/lib/webhooks";

const WEBHOOK_ROUTE = /^\/api\/webhooks\/sunco\/([^/]+)$/;

export type IntakePath = "route" | "server";

export interface AppServer {
  /** Use as APP_URL. */
  url: string;
  stop(): Promise<void>;
}

function routeServer(): Promise<Server> {
  return new Promise((resolve, reject) => {
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
      () => resolve(started as Server),
    );
    started.once("error", reject);
  });
}

/** As scripts/serve.ts in production: the intake answers what it recognises; Next (here: a 404) the rest. */
function intakeServer(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((request, response) => {
      if (!answerWebhookDelivery(request, response)) response.writeHead(404).end();
    });
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

export async function startAppServer(options: { intake?: IntakePath } = {}): Promise<AppServer> {
  const server = await (options.intake === "server" ? intakeServer() : routeServer());
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Sends a Request built for the route handler over HTTP to `baseUrl`, as its headers say: with the Content-Length it
 * declares (even one its body does not have), else chunked. Resolves to the answer as a Response.
 */
export async function sendOverHttp(baseUrl: string, request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const body = Buffer.from(await request.arrayBuffer());
  const headers = Object.fromEntries(request.headers);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(new URL(pathname, baseUrl), { method: request.method, headers, agent: false });
    outgoing.on("response", (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => {
        outgoing.destroy();
        const answerHeaders = Object.entries(incoming.headers).flatMap(([name, value]) => (typeof value === "string" ? [[name, value] as [string, string]] : []));
        const nullBody = request.method === "HEAD" || incoming.statusCode === 204;
        resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status: incoming.statusCode, headers: answerHeaders }));
      });
      incoming.on("error", reject);
    });
    // Once answered, the intake may close the socket under the rest of the body: only an error before that counts.
    outgoing.on("error", reject);
    if (request.method !== "HEAD") outgoing.write(body);
    outgoing.end();
  });
}

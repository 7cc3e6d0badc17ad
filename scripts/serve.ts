// npm run dev (with --dev) and npm start: Sunbridge's HTTP server, Next.js behind a plain node:http server.
//
// Why not `next dev` / `next start`: only this process sees the socket, so only it can tell the client's address
// apart from an X-Forwarded-For any client may send (lib/http/client-address.ts). And the mode is the command's,
// not the environment's: `npm start` applies production rules even when NODE_ENV was left at "test" or
// "development" in the shell, and only `npm run dev` gets development defaults (sandbox, demo logins, generated
// secrets).
//
// In production it also answers SunCo's webhook deliveries itself (lib/webhooks/intake-server.ts), through the same
// lib/webhooks code as the route handler but without Next's request pipeline, the larger part of each delivery's
// cost (WEBHOOK_INTAKE=next leaves them to Next). `npm run dev` leaves them to the route handler, so that changes to
// lib/webhooks reload as any other.
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { declareMode } from "./mode";

const { values: options } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
  },
});
const dev = options.dev ?? false;
// Before anything reads them: Next.js and React decide by NODE_ENV, lib/env.ts by the declared mode.
declareMode(dev ? "development" : "production");

const port = Number(options.port ?? process.env.PORT ?? 3000);
const hostname = options.hostname ?? process.env.HOSTNAME ?? (dev ? "localhost" : "0.0.0.0");
process.env.PORT = String(port);

const { default: next } = await import("next");
const { CLIENT_ADDRESS_HEADER, resolveClientAddress } = await import("@/lib/http/client-address");
const { env } = await import("@/lib/env");
const { responseSecurityHeaders } = await import("@/lib/http/security-headers");
const { answerWebhookDelivery } = await import("@/lib/webhooks/intake-server");

const trustedHops = env().TRUSTED_PROXY_HOPS;
// Here rather than in next.config.mjs, whose headers() are fixed at build time: HSTS depends on the APP_URL the
// server starts with. Pages get their Content-Security-Policy from proxy.ts (it needs a nonce per request).
const securityHeaders = responseSecurityHeaders(env().APP_URL);
const intakeInServer = !dev && env().WEBHOOK_INTAKE === "server";
const app = next({ dev, hostname, port, turbopack: dev, dir: process.cwd() });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((request, response) => {
  request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], trustedHops);
  for (const [name, value] of securityHeaders) response.setHeader(name, value);
  if (intakeInServer && answerWebhookDelivery(request, response)) return;
  void handle(request, response);
});
// Idle keep-alive sockets stay open longer than the clients and proxies in front keep theirs (load balancers commonly
// 60 s): with Node's 5 s, a client reusing a socket just as the server closed it got ECONNRESET.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, hostname, () => {
  console.log(`  Sunbridge${dev ? " (development)" : ""} listening on http://${hostname}:${port}`);
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  void app.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

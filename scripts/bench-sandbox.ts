// npm run bench:sandbox [-- --seconds 5 --connections 10]
// How fast the standalone sandbox answers the calls the product makes most: posting a business message (which
// also emits a webhook) and listing a conversation's messages. Starts its own sandbox on a random port.
import "./development-mode";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { serveSandbox } from "@/lib/sandbox";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "5" }, connections: { type: "string", default: "10" } } });
const duration = Number(values.seconds);
const connections = Number(values.connections);

// The partner's webhook endpoint: accepts everything, as a healthy one does.
const receiver = createServer((request, response) => request.resume().on("end", () => response.writeHead(200).end()));
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const running = await serveSandbox({ appUrl: "http://127.0.0.1:9", timeScale: 0.001, verifyWebhookTargets: false });
const app = running.sandbox.fixtures.apps[0]!;
const key = app.appKeys[0]!;
const headers = {
  authorization: `Basic ${Buffer.from(`${key.id}:${key.secret}`).toString("base64")}`,
  "content-type": "application/json",
};
const api = async (path: string, body: unknown) => {
  const response = await fetch(`${running.url}/v2/apps/${app.id}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  return response.json();
};

const { user } = await api("/users", { externalId: "bench-user" });
const { conversation } = await api("/conversations", { type: "personal", participants: [{ userId: user.id }] });
// A subscribed webhook, so that every message also goes through event dispatch and delivery.
await api("/integrations", { type: "custom", webhooks: [{ target, triggers: ["conversation:message"] }] });
const messagesPath = `/v2/apps/${app.id}/conversations/${conversation.id}/messages`;

async function run(title: string, request: { method: "GET" | "POST"; path: string; body?: string }) {
  const result = await autocannon({ url: `${running.url}${request.path}`, method: request.method, body: request.body, duration, connections, headers });
  console.log(
    `${title.padEnd(32)} ${Math.round(result.requests.average)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  ` +
      `non-2xx ${result.non2xx}  errors ${result.errors}`,
  );
}

console.log(`SunCo sandbox, ${connections} connections, ${duration} s each`);
await run("POST …/messages (text)", {
  method: "POST",
  path: messagesPath,
  body: JSON.stringify({ author: { type: "business" }, content: { type: "text", text: "Benchmark" } }),
});
await run("GET …/messages (latest 100)", { method: "GET", path: messagesPath });
await running.close();
receiver.closeAllConnections();
receiver.close();

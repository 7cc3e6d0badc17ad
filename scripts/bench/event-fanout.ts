// The event fan-out half of `npm run bench:api`: simulator messages into a connection whose SunCo webhook reaches the
// app, each recorded with its message.created event and delivered to a local receiver; measures "webhook in → event
// out" (SunCo's receipt of the end user's message to the receiver's receipt of the event) and checks none was lost
// or duplicated.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes, randomUUID } from "node:crypto";
import type { SqlDriver } from "@/lib/db/sql-driver";
import { sealConnectionSecret } from "@/lib/connections/secrets";
import { sealEndpointSecret } from "@/lib/partner-events/endpoints";

export interface FanoutTarget {
  app: string;
  db: SqlDriver;
  organizationId: string;
  connectionId: string;
  appId: string;
  appKey: { id: string; secret: string };
  suncoConversationId: string;
  endUserId: string;
  control: <T>(method: string, path: string, body?: unknown) => Promise<T>;
}

export interface FanoutResult {
  messages: number;
  delivered: number;
  lost: number;
  duplicated: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  seconds: number;
}

/** Gives the connection a SunCo webhook (a custom integration's) that posts conversation:message to the app. */
async function provisionWebhook(target: FanoutTarget) {
  const auth = `Basic ${Buffer.from(`${target.appKey.id}:${target.appKey.secret}`).toString("base64")}`;
  const response = await fetch(`${target.app}/sandbox/sc/v2/apps/${target.appId}/integrations`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify({
      type: "custom",
      displayName: "Bench webhook",
      webhooks: [{ target: `${target.app}/api/webhooks/sunco/${target.connectionId}`, triggers: ["conversation:message"] }],
    }),
  });
  if (!response.ok) throw new Error(`creating the webhook: ${response.status} ${await response.text()}`);
  const { integration } = (await response.json()) as { integration: { id: string; webhooks: { id: string; secret: string }[] } };
  const webhook = integration.webhooks[0]!;
  await target.db.query(
    `UPDATE "Connection" SET "integrationId" = $2, "webhookId" = $3, "encryptedWebhookSecret" = $4 WHERE "id" = $1`,
    [target.connectionId, integration.id, webhook.id, sealConnectionSecret(target.connectionId, "encryptedWebhookSecret", webhook.secret)],
  );
}

function percentile(sorted: number[], p: number) {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function benchEventFanout(target: FanoutTarget, count: number, log: (line: string) => void): Promise<FanoutResult> {
  const arrivals = new Map<string, number[]>();
  const receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      const arrivedAt = Date.now();
      const event = JSON.parse(body) as { type: string; data: { message?: { text: string; receivedAt: string } } };
      const message = event.data.message;
      if (event.type === "message.created" && message) {
        arrivals.set(message.text, [...(arrivals.get(message.text) ?? []), arrivedAt - Date.parse(message.receivedAt)]);
      }
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  try {
    await provisionWebhook(target);
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
    const endpointId = randomUUID();
    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    await target.db.query(
      `INSERT INTO "EventEndpoint" ("id", "organizationId", "url", "eventTypes", "sealedSecret", "updatedAt") VALUES ($1, $2, $3, '{message.created}', $4, now())`,
      [endpointId, target.organizationId, url, sealEndpointSecret(endpointId, "sealedSecret", secret)],
    );
    const run = randomBytes(4).toString("hex");
    const texts = Array.from({ length: count }, (_, n) => `fanout ${run} #${n}`);
    log(`event fan-out: ${count} simulator messages → message.created at a local receiver`);
    const began = performance.now();
    // The simulator's end user writes them, 10 at a time (a busy tenant), as fast as the sandbox takes them.
    let next = 0;
    const writer = async () => {
      while (next < texts.length) {
        const text = texts[next++]!;
        await target.control("POST", `/conversations/${target.suncoConversationId}/messages`, { userId: target.endUserId, content: { type: "text", text } });
      }
    };
    await Promise.all(Array.from({ length: 10 }, writer));
    const deadline = Date.now() + 120_000;
    while (texts.some((text) => !arrivals.has(text)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    // Late duplicates would arrive after the last first copy: wait a little for them.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const seconds = (performance.now() - began) / 1000;
    const firsts = texts.flatMap((text) => (arrivals.get(text) ? [arrivals.get(text)![0]!] : [])).sort((a, b) => a - b);
    return {
      messages: count,
      delivered: firsts.length,
      lost: texts.filter((text) => !arrivals.has(text)).length,
      duplicated: texts.reduce((sum, text) => sum + Math.max(0, (arrivals.get(text)?.length ?? 0) - 1), 0),
      p50Ms: percentile(firsts, 50),
      p95Ms: percentile(firsts, 95),
      p99Ms: percentile(firsts, 99),
      maxMs: firsts.at(-1) ?? Number.NaN,
      seconds: Math.round(seconds * 10) / 10,
    };
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
}

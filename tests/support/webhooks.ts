// Connections with webhook secrets, and SunCo-shaped deliveries to the webhook route.
import { randomBytes } from "node:crypto";
import { POST } from "@/app/api/webhooks/sunco/[connectionId]/route";
import { sealConnectionSecret } from "@/lib/connections/secrets";
import { db } from "@/lib/db";
import { createOrganization } from "./builders";

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/** A SunCo-style record id: 24 hexadecimal characters. */
export const suncoId = () => hex(12);

export interface TestConnection {
  id: string;
  organizationId: string;
  appId: string;
  webhookSecret: string;
}

export async function createWebhookConnection(
  options: { organizationId?: string; appId?: string; webhookSecret?: string } = {},
): Promise<TestConnection> {
  const organizationId = options.organizationId ?? (await createOrganization()).organization.id;
  const appId = options.appId ?? suncoId();
  const webhookSecret = options.webhookSecret ?? hex(16);
  const connection = await db().connection.create({
    data: { organizationId, appId, appName: "Acme support", authType: "oauth", integrationId: "me", webhookId: suncoId() },
  });
  await db().connection.update({
    where: { id: connection.id },
    data: { encryptedWebhookSecret: sealConnectionSecret(connection.id, "encryptedWebhookSecret", webhookSecret) },
  });
  return { id: connection.id, organizationId, appId, webhookSecret };
}

export function envelope(connection: { appId: string }, events: unknown[]) {
  return { app: { id: connection.appId }, webhook: { id: "5f4eaef81e3dcc117c7ba48a", version: "v2" }, events };
}

export function webhookRequest(
  connectionId: string,
  body: unknown,
  options: { apiKey?: string | null; contentType?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { "content-type": options.contentType ?? "application/json", ...options.headers };
  if (options.apiKey) headers["x-api-key"] = options.apiKey;
  return new Request(`http://localhost/api/webhooks/sunco/${connectionId}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Delivers `events` to the connection's webhook as SunCo would, with the right key unless told otherwise. */
export async function deliver(
  connection: TestConnection,
  events: unknown[],
  options: { apiKey?: string | null } = {},
): Promise<Response> {
  const apiKey = options.apiKey === undefined ? connection.webhookSecret : options.apiKey;
  return POST(webhookRequest(connection.id, envelope(connection, events), { apiKey }), {
    params: Promise.resolve({ connectionId: connection.id }),
  });
}

/** A conversation:message event from an end user. */
export function userMessageEvent(options: {
  conversationId: string;
  userId: string;
  text?: string;
  received?: string;
  eventId?: string;
  messageId?: string;
  displayName?: string;
  /** Other content than text (a formResponse, say). */
  content?: Record<string, unknown>;
}) {
  const received = options.received ?? new Date().toISOString();
  return {
    id: options.eventId ?? suncoId(),
    type: "conversation:message",
    createdAt: received,
    payload: {
      conversation: { id: options.conversationId, type: "personal" },
      message: {
        id: options.messageId ?? suncoId(),
        received,
        author: {
          type: "user",
          userId: options.userId,
          displayName: options.displayName ?? "Steve Rogers",
          user: { id: options.userId, authenticated: false },
        },
        content: options.content ?? { type: "text", text: options.text ?? "hello" },
        source: { type: "web", integrationId: "5ecff63ffc3ab25f4561c8a0" },
      },
    },
  };
}

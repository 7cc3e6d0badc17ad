// Inbox test data written straight into the read model: conversations with their end user and messages, as the
// webhook pipeline would have left them, at the times a test names.
import { randomUUID } from "node:crypto";
import type { MemberContext } from "@/lib/auth/require-member";
import { sql } from "@/lib/db";
import { addMember, createOrganization, memberContext } from "./builders";
import { createWebhookConnection, suncoId, type TestConnection } from "./webhooks";

export interface InboxOrganizations {
  owner: MemberContext;
  agent: MemberContext;
  connection: TestConnection;
  /** The owner of another organization, with a connection of its own: what each change must never reach. */
  outsider: MemberContext;
  outsiderConnection: TestConnection;
}

/** An organization with an owner, an agent and a webhook connection, and another organization beside it. */
export async function inboxOrganizations(): Promise<InboxOrganizations> {
  const { organization, owner } = await createOrganization();
  const agent = await addMember(organization.id, "agent");
  const other = await createOrganization();
  return {
    owner: await memberContext(owner.id, organization.id),
    agent: await memberContext(agent.id, organization.id),
    connection: await createWebhookConnection({ organizationId: organization.id }),
    outsider: await memberContext(other.owner.id, other.organization.id),
    outsiderConnection: await createWebhookConnection({ organizationId: other.organization.id }),
  };
}

export interface ConversationSpec {
  connectionId: string;
  organizationId: string;
  endUser?: { givenName?: string; surname?: string; email?: string; displayName?: string } | null;
  status?: "open" | "pending" | "resolved";
  assigneeId?: string | null;
  unreadCount?: number;
  lastActivityAt?: Date;
  removedAt?: Date | null;
  messages?: { text: string; authorType?: "user" | "business"; receivedAt?: Date }[];
}

export interface CreatedConversation {
  id: string;
  suncoConversationId: string;
  endUserId: string | null;
  suncoUserId: string | null;
}

export async function createConversation(spec: ConversationSpec): Promise<CreatedConversation> {
  let endUserId: string | null = null;
  let suncoUserId: string | null = null;
  if (spec.endUser !== null) {
    suncoUserId = suncoId();
    const user = spec.endUser ?? {};
    const { rows } = await sql().query<{ id: string }>(
      `INSERT INTO "SuncoUser" ("organizationId", "connectionId", "suncoUserId", "givenName", "surname", "email", "displayName")
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING "id"`,
      [spec.organizationId, spec.connectionId, suncoUserId, user.givenName ?? null, user.surname ?? null, user.email ?? null, user.displayName ?? null],
    );
    endUserId = rows[0]!.id;
  }
  const messages = spec.messages ?? [];
  const lastActivityAt = spec.lastActivityAt ?? messages.at(-1)?.receivedAt ?? new Date();
  const last = messages.at(-1);
  const suncoConversationId = suncoId();
  const { rows } = await sql().query<{ id: string }>(
    `INSERT INTO "Conversation" ("organizationId", "connectionId", "suncoConversationId", "type", "endUserId", "status",
       "assigneeId", "unreadCount", "lastActivityAt", "removedAt", "lastMessagePreview", "lastMessageAuthorType", "lastMessageAt")
     VALUES ($1, $2, $3, 'personal', $4, $5::"ConversationStatus", $6, $7, $8, $9, $10, $11, $12) RETURNING "id"`,
    [
      spec.organizationId,
      spec.connectionId,
      suncoConversationId,
      endUserId,
      spec.status ?? "open",
      spec.assigneeId ?? null,
      spec.unreadCount ?? 0,
      lastActivityAt,
      spec.removedAt ?? null,
      last?.text ?? null,
      last ? (last.authorType ?? "user") : null,
      last ? (last.receivedAt ?? lastActivityAt) : null,
    ],
  );
  const id = rows[0]!.id;
  for (const [index, message] of messages.entries()) {
    await addMessage(spec.organizationId, id, {
      ...message,
      authorUserId: (message.authorType ?? "user") === "user" ? endUserId : null,
      receivedAt: message.receivedAt ?? new Date(lastActivityAt.getTime() - (messages.length - index)),
    });
  }
  return { id, suncoConversationId, endUserId, suncoUserId };
}

export async function addMessage(
  organizationId: string,
  conversationId: string,
  message: { text: string; authorType?: "user" | "business"; receivedAt: Date; authorUserId?: string | null },
) {
  const authorType = message.authorType ?? "user";
  const { rows } = await sql().query<{ id: string }>(
    `INSERT INTO "Message" ("organizationId", "conversationId", "suncoMessageId", "authorType", "authorUserId", "author",
       "contentType", "content", "text", "receivedAt", "deliveryStatus")
     VALUES ($1, $2, $3, $4, $5, $6, 'text', $7, $8, $9, 'sent') RETURNING "id"`,
    [
      organizationId,
      conversationId,
      suncoId(),
      authorType,
      message.authorUserId ?? null,
      JSON.stringify({ type: authorType }),
      JSON.stringify({ type: "text", text: message.text }),
      message.text,
      message.receivedAt,
    ],
  );
  return rows[0]!.id;
}

export async function addNote(organizationId: string, conversationId: string, note: { text: string; createdAt: Date }) {
  const { rows } = await sql().query<{ id: string }>(
    `INSERT INTO "ConversationNote" ("organizationId", "conversationId", "authorName", "text", "createdAt")
     VALUES ($1, $2, 'Ada', $3, $4) RETURNING "id"`,
    [organizationId, conversationId, note.text, note.createdAt],
  );
  return rows[0]!.id;
}

export async function addActivity(conversationId: string, activity: { type: string; occurredAt: Date; data?: object }) {
  const { rows } = await sql().query<{ id: string }>(
    `INSERT INTO "ConversationActivity" ("conversationId", "suncoEventId", "type", "data", "occurredAt")
     VALUES ($1, $2, $3, $4, $5) RETURNING "id"::text`,
    [conversationId, suncoId(), activity.type, JSON.stringify(activity.data ?? {}), activity.occurredAt],
  );
  return rows[0]!.id;
}

export const newMessageId = () => randomUUID();

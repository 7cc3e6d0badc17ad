// Starting a conversation with an end user, from the inbox's "New conversation" and POST /api/v1/conversations: the
// SunCo user found by external id or email (or created), their conversation reused (or created), and the first message
// sent through the outbox — at once when SunCo already reaches them, or, for a phone number or email address, once the
// channel SunCo's Create Client links confirms (channel-links.ts).
import { memberIdOf, type ActorContext } from "@/lib/auth/actor";
import { clientForConnectionId, startableConnection, type StartableConnection } from "@/lib/connections";
import { recordStartedConversation } from "@/lib/conversations";
import { sql, statement } from "@/lib/db";
import { threadMessage, type ThreadMessage } from "@/lib/inbox";
import { contentOf, postBodyOf, writeOutgoing } from "@/lib/outbox";
import { ConflictError } from "@/lib/errors";
import { explainingFailure, explainSuncoFailure, SuncoError, type SuncoClient } from "@/lib/sunco";
import type { User } from "@/lib/sunco/schemas";
import { chooseIntegration } from "./channels";
import { failLinkNow, insertChannelLink, linkHoldingMessage, noteLinkClient, type ChannelLinkView, type HeldMessage } from "./channel-links";
import type { ChannelInput, EndUserInput, StartConversationInput } from "./schemas";

export interface StartedConversation {
  conversationId: string;
  /** Whether Sunbridge created the conversation at SunCo (false: the user's existing one). */
  createdConversation: boolean;
  /** Whether the SunCo user was created. */
  createdUser: boolean;
  /** The first message as the thread shows it; null while it waits for a channel link. */
  message: ThreadMessage | null;
  channelLink: ChannelLinkView | null;
}

const AGENT_READER = { audience: "agent" as const, asked: "to start the conversation" };

/** Users Sunbridge knows by profile email (SunCo finds users by identity only, which a created user lacks). */
const KNOWN_BY_EMAIL = statement<{ suncoUserId: string }>(
  `SELECT "suncoUserId" FROM "SuncoUser"
    WHERE "connectionId" = $1 AND lower("email") = lower($2) AND "removedAt" IS NULL AND "mergedIntoId" IS NULL
    ORDER BY "createdAt" LIMIT 1`,
  { suncoUserId: "string" },
);

async function getUser(client: SuncoClient, userIdOrExternalId: string): Promise<User | null> {
  try {
    return await client.users.get(userIdOrExternalId);
  } catch (error) {
    if (error instanceof SuncoError && error.kind === "not_found") return null;
    throw error;
  }
}

async function findUser(client: SuncoClient, connectionId: string, person: EndUserInput): Promise<User | null> {
  if (person.externalId) return getUser(client, person.externalId);
  const email = person.email!;
  const [byIdentity] = await client.users.findByEmail(email);
  if (byIdentity) return byIdentity;
  const { rows } = await sql().query(KNOWN_BY_EMAIL, [connectionId, email]);
  return rows[0] ? getUser(client, rows[0].suncoUserId) : null;
}

function createUser(client: SuncoClient, person: EndUserInput): Promise<User> {
  const profile = {
    ...(person.givenName ? { givenName: person.givenName } : {}),
    ...(person.surname ? { surname: person.surname } : {}),
    ...(person.email ? { email: person.email } : {}),
  };
  return client.users.create({ ...(person.externalId ? { externalId: person.externalId } : {}), profile });
}

/** The user's personal conversation most recently active, or a new one. */
async function conversationOf(client: SuncoClient, userId: string) {
  const { items } = await client.conversations.list({ userId });
  const existing = items
    .filter((conversation) => conversation.type === "personal")
    .sort((a, b) => String(b.lastUpdatedAt ?? "").localeCompare(String(a.lastUpdatedAt ?? "")))[0];
  if (existing) return { conversation: existing, created: false };
  return { conversation: await client.conversations.create({ type: "personal", participants: [{ userId }] }), created: true };
}

const targetOf = (channel: Exclude<ChannelInput, { type: "conversation" }>) => ("address" in channel ? channel.address : channel.phoneNumber);

function matchCriteriaOf(channel: Exclude<ChannelInput, { type: "conversation" }>, integrationId: string) {
  if (channel.type === "mailgun") return { type: "mailgun" as const, integrationId, address: channel.address };
  return { type: channel.type, integrationId, phoneNumber: channel.phoneNumber };
}

/** Asks SunCo to link the channel; a refusal fails the link (nothing will be sent) rather than the whole start. */
async function requestLink(client: SuncoClient, link: ChannelLinkView, userId: string, suncoConversationId: string, channel: Exclude<ChannelInput, { type: "conversation" }>, integrationId: string) {
  try {
    const created = await client.clients.create(userId, {
      matchCriteria: matchCriteriaOf(channel, integrationId),
      confirmation: { type: "immediate" },
      target: { conversationId: suncoConversationId },
    });
    return await noteLinkClient(link.id, created.id);
  } catch (error) {
    const explained = explainSuncoFailure(error, { audience: "agent", asked: `to link ${targetOf(channel)}` });
    if (!(explained instanceof Error)) throw error;
    return (await failLinkNow(link.id, explained.message)) ?? link;
  }
}

interface Written {
  conversationId: string;
  message: ThreadMessage | null;
  link: ChannelLinkView | null;
  /** Whether SunCo is still to be asked for the link (not when this start repeats one). */
  ask: boolean;
}

/** `outboxId` is the first message's id: the same id twice (a retried request) sends once. */
export async function startConversation(ctx: ActorContext, input: StartConversationInput, outboxId: string): Promise<StartedConversation> {
  const connection: StartableConnection = await startableConnection(ctx, input.connectionId);
  const { channel } = input;
  const integrationId = channel.type === "conversation" ? null : await chooseIntegration(connection, channel.type, channel.integrationId);
  const client = await clientForConnectionId(connection.id);
  const found = await explainingFailure(AGENT_READER, async () => {
    const existing = await findUser(client, connection.id, input.user);
    const user = existing ?? (await createUser(client, input.user));
    return { user, createdUser: !existing, ...(await conversationOf(client, user.id)) };
  });

  const held: HeldMessage = { body: postBodyOf(ctx, contentOf(input.message)), sentBy: ctx.actor.kind === "api_key" ? "api" : "agent" };
  const scope = { connectionId: connection.id, organizationId: ctx.organization.id };
  const written = await sql().transaction(async (tx): Promise<Written> => {
    const conversation = await recordStartedConversation(tx, scope, found.user, found.conversation);
    const outgoing = { outboxId, organizationId: ctx.organization.id, conversationId: conversation.id, authorId: memberIdOf(ctx) };
    if (channel.type === "conversation") {
      const message = await writeOutgoing(tx, { ...outgoing, body: held.body, sentBy: held.sentBy });
      return { conversationId: conversation.id, message: message ? threadMessage(message) : null, link: null, ask: false };
    }
    // The same start again (a double submit, a retried request): the link asked for the first time is the answer, and
    // SunCo is not asked twice. The conversation's row, locked above, makes a concurrent second start wait for this.
    const asked = await linkHoldingMessage(tx, ctx.organization.id, outboxId);
    if (asked) {
      if (asked.conversationId !== conversation.id) throw new ConflictError("This message id was already used for another message; send it again.");
      return { conversationId: conversation.id, message: null, link: asked, ask: false };
    }
    const link = await insertChannelLink(tx, {
      ...scope,
      conversationId: conversation.id,
      suncoUserId: found.user.id,
      channelType: channel.type,
      integrationId: integrationId!,
      target: targetOf(channel),
      held,
      outboxId,
      createdById: outgoing.authorId,
    });
    return { conversationId: conversation.id, message: null, link, ask: true };
  });
  // Stored before SunCo is asked, so that webhooks answering the link at once find it.
  const channelLink =
    written.link && written.ask
      ? await requestLink(client, written.link, found.user.id, found.conversation.id, channel as Exclude<ChannelInput, { type: "conversation" }>, integrationId!)
      : written.link;
  return {
    conversationId: written.conversationId,
    createdConversation: found.created,
    createdUser: found.createdUser,
    message: written.message,
    channelLink,
  };
}

// Starting a conversation against the SunCo sandbox: the end user found by email or external id (or created), their
// conversation reused (or created), the first message sent through the outbox; over WhatsApp, the channel linked
// with Create Client first, the message held until client:update says it is linked, and nothing sent when it fails.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { deliverOutboxMessage } from "@/lib/outbox";
import { createEndpoint } from "@/lib/partner-events";
import { startConversation as startConversationUseCase, startConversationSchema } from "@/lib/outreach";
import { CLIENT_MESSAGE_ID_KEY } from "@/lib/sunco";
import { parseInput } from "@/lib/validation";
import { createOrganization, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { appAdminClient, eventually, withSandboxTenant } from "../support/sandbox-tenant";

withTestDatabase();
const tenant = withSandboxTenant();

let whatsappId: string;
beforeAll(async () => {
  whatsappId = (await appAdminClient(tenant.sandbox).integrations.create({ type: "whatsapp", displayName: "Support WhatsApp" } as never)).id;
  // The partner's endpoint, so that its events are recorded.
  await createEndpoint(tenant.owner, { url: "https://partner.example.test/events", description: "CRM", eventTypes: ["conversation.created"] });
});

const createdEvents = (conversationId: string) => db().partnerEvent.count({ where: { type: "conversation.created", conversationId } });

/** The use-case as the action and the API route call it: with what a request sends, parsed first. */
const start = (input: Record<string, unknown>, outboxId = randomUUID(), ctx = tenant.owner) =>
  startConversationUseCase(ctx, parseInput(startConversationSchema, { connectionId: tenant.connectionId, ...input }), outboxId);

/** The sandbox's copies of the message Sunbridge sent with this outbox id. */
async function sentToSunco(suncoConversationId: string, outboxId: string) {
  const { messages } = await tenant.sandbox.control.conversation(suncoConversationId);
  return messages.filter((message) => (message as { metadata?: Record<string, unknown> }).metadata?.[CLIENT_MESSAGE_ID_KEY] === outboxId);
}

const suncoIdOf = async (conversationId: string) => (await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).suncoConversationId;

describe("starting a conversation", () => {
  it("creates an end user no one knew by that email, their conversation, and sends the first message; the same email reuses both", async () => {
    const outboxId = randomUUID();
    const started = await start({ user: { email: "ines@example.test", givenName: "Ines", surname: "Ortiz" }, message: { text: "Hello Ines, your order is ready." } }, outboxId);
    expect(started).toMatchObject({ createdUser: true, createdConversation: true, channelLink: null, message: { text: "Hello Ines, your order is ready.", deliveryStatus: "sending" } });

    const conversation = await db().conversation.findUniqueOrThrow({ where: { id: started.conversationId }, include: { endUser: true } });
    expect(conversation.endUser).toMatchObject({ givenName: "Ines", surname: "Ortiz", email: "ines@example.test" });
    expect(conversation.suncoCreatedAt).not.toBeNull();
    await deliverOutboxMessage(outboxId);
    expect(await sentToSunco(conversation.suncoConversationId, outboxId)).toHaveLength(1);
    expect(await db().outboxMessage.findUniqueOrThrow({ where: { id: outboxId } })).toMatchObject({ state: "sent" });

    const again = await start({ user: { email: "INES@example.test" }, message: { text: "One more thing." } });
    expect(again).toMatchObject({ createdUser: false, createdConversation: false, conversationId: started.conversationId });
    // conversation.created went to the partner once: SunCo's own conversation:create webhook, arriving after, adds none.
    const suncoId = conversation.suncoConversationId;
    await eventually(async () =>
      (await db().webhookEvent.findMany({ where: { type: "conversation:create", state: "processed" } })).some((row) => JSON.stringify(row.event).includes(suncoId)),
    );
    expect(await createdEvents(started.conversationId)).toBe(1);
  });

  it("finds an existing end user by external id and reuses their conversation", async () => {
    const admin = appAdminClient(tenant.sandbox);
    const user = await admin.users.create({ externalId: "crm-4711", profile: { givenName: "Omar" } });
    const existing = await admin.conversations.create({ type: "personal", participants: [{ userId: user.id }] });

    const outboxId = randomUUID();
    const started = await start({ user: { externalId: "crm-4711" }, message: { text: "Following up on your ticket." } }, outboxId);
    expect(started).toMatchObject({ createdUser: false, createdConversation: false });
    expect(await suncoIdOf(started.conversationId)).toBe(existing.id);
    await deliverOutboxMessage(outboxId);
    expect(await sentToSunco(existing.id, outboxId)).toHaveLength(1);
    // Started twice with the same message id (a retried request), it sends once.
    await start({ user: { externalId: "crm-4711" }, message: { text: "Following up on your ticket." } }, outboxId);
    expect(await db().outboxMessage.count({ where: { id: outboxId } })).toBe(1);
  });

  it("links a phone number over WhatsApp: pending, linked by client:update, and only then sends the message", async () => {
    const outboxId = randomUUID();
    const started = await start(
      {
        user: { externalId: "wa-customer-1", givenName: "Wanda" },
        channel: { type: "whatsapp", phoneNumber: "+1 514 555 0100", integrationId: whatsappId },
        message: { template: { name: "order_update", language: "en", bodyParameters: ["#42", "Friday"] } },
      },
      outboxId,
    );
    expect(started.message).toBeNull();
    expect(started.channelLink).toMatchObject({ channelType: "whatsapp", target: "+1 514 555 0100", state: "pending", failureReason: null });
    expect(await db().outboxMessage.count({ where: { id: outboxId } })).toBe(0);

    const link = await eventually(async () => {
      const row = await db().channelLink.findUniqueOrThrow({ where: { id: started.channelLink!.id } });
      return row.state === "linked" && row;
    });
    expect(link.suncoClientId).toMatch(/^[0-9a-f]{24}$/);
    await deliverOutboxMessage(outboxId);
    const [sent] = await sentToSunco(await suncoIdOf(started.conversationId), outboxId);
    expect(sent).toMatchObject({
      content: { type: "template", template: { name: "order_update", language: { code: "en" }, components: [{ type: "body", parameters: [{ type: "text", text: "#42" }, { type: "text", text: "Friday" }] }] } },
    });
  });

  it("started twice with the same message id (a double submit, a retried request) while linking, asks SunCo to link once and answers with the same link", async () => {
    const outboxId = randomUUID();
    const input = {
      user: { externalId: "wa-customer-3" },
      channel: { type: "whatsapp", phoneNumber: "+1 514 555 0142", integrationId: whatsappId },
      message: { text: "Your parcel is on its way." },
    };
    const [first, second] = [await start(input, outboxId), await start(input, outboxId)];
    expect(second.channelLink?.id).toBe(first.channelLink!.id);
    expect(await db().channelLink.count({ where: { outboxId } })).toBe(1);
    await eventually(async () => (await db().channelLink.findUniqueOrThrow({ where: { id: first.channelLink!.id } })).state === "linked");
    const { items } = await appAdminClient(tenant.sandbox).clients.list("wa-customer-3");
    expect(items.filter((client) => client.type === "whatsapp")).toHaveLength(1);
    expect(await db().outboxMessage.count({ where: { id: outboxId } })).toBe(1);
  });

  it("fails the link as the channel answers (the sandbox's configured failure) and sends nothing", async () => {
    await tenant.sandbox.control.failChannelLinks({ appId: tenant.appId, type: "whatsapp", externalId: "+1 514 555 0199" });
    const outboxId = randomUUID();
    const started = await start(
      { user: { externalId: "wa-customer-2" }, channel: { type: "whatsapp", phoneNumber: "+1 514 555 0199", integrationId: whatsappId }, message: { text: "Hi!" } },
      outboxId,
    );
    expect(started.channelLink).toMatchObject({ state: "pending" });
    const link = await eventually(async () => {
      const row = await db().channelLink.findUniqueOrThrow({ where: { id: started.channelLink!.id } });
      return row.state !== "pending" && row;
    });
    expect(link).toMatchObject({ state: "failed", failureReason: expect.stringMatching(/whatsapp link to \+1 514 555 0199 failed: The whatsapp channel could not reach/) });
    expect(await db().outboxMessage.count({ where: { id: outboxId } })).toBe(0);
    expect(await sentToSunco(await suncoIdOf(started.conversationId), outboxId)).toEqual([]);
  });

  it("refuses a channel without an integration it can use, naming the field, and another organization's connection", async () => {
    const refused = start({ user: { externalId: "x-1" }, channel: { type: "twilio", phoneNumber: "+1 514 555 0123" }, message: { text: "Hi" } });
    await expect(refused).rejects.toBeInstanceOf(InvalidInputError);
    await expect(refused).rejects.toMatchObject({ fieldErrors: { "channel.integrationId": [expect.stringMatching(/knows no twilio integration/)] } });

    const other = await createOrganization();
    const outsider = await memberContext(other.owner.id, other.organization.id);
    await expect(start({ user: { externalId: "x-1" }, message: { text: "Hi" } }, randomUUID(), outsider)).rejects.toBeInstanceOf(NotFoundError);
  });
});

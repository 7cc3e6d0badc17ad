// WhatsApp templates: saved per organization (owners and admins manage them, agents read them), sent from the composer
// and the API with their parameters filled in, and what an agent sees when WhatsApp refuses a free-form message outside
// its 24-hour window: SunCo's reason on the message, recognised as needing a template.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { MemberContext } from "@/lib/auth/require-member";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { createMessageTemplate, deleteMessageTemplate, listMessageTemplates, messageTemplateSchema, updateMessageTemplate } from "@/lib/inbox";
import { composeSchema, deliverOutboxMessage, sendMessage } from "@/lib/outbox";
import { startConversation, startConversationSchema } from "@/lib/outreach";
import { CLIENT_MESSAGE_ID_KEY, needsTemplate } from "@/lib/sunco";
import { parseInput } from "@/lib/validation";
import * as messagesRoute from "@/app/api/v1/conversations/[conversationId]/messages/route";
import { apiKeyFor, callApi } from "../support/api";
import { addMember, createOrganization, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { appAdminClient, eventually, withSandboxTenant } from "../support/sandbox-tenant";

withTestDatabase();
const tenant = withSandboxTenant();

let agent: MemberContext;
let outsider: MemberContext;
beforeAll(async () => {
  agent = await memberContext((await addMember(tenant.owner.organization.id, "agent")).id, tenant.owner.organization.id);
  const other = await createOrganization();
  outsider = await memberContext(other.owner.id, other.organization.id);
});

const form = (input: Record<string, unknown>) => parseInput(messageTemplateSchema, input);

/** What SunCo stored of the message sent with this outbox id. */
async function inSunco(suncoConversationId: string, outboxId: string) {
  const { messages } = await tenant.sandbox.control.conversation(suncoConversationId);
  return messages.find((message) => (message as { metadata?: Record<string, unknown> }).metadata?.[CLIENT_MESSAGE_ID_KEY] === outboxId);
}

describe("templates saved per organization", () => {
  it("are created, listed, edited and deleted by owners and admins, and read by agents", async () => {
    const created = await createMessageTemplate(tenant.owner, form({ title: "Order shipped", templateName: "order_update", language: "en", parameters: "body: Order number = #1\nbody: Arrives on" }));
    expect(created).toMatchObject({
      templateName: "order_update",
      parameters: [
        { component: "body", label: "Order number", default: "#1" },
        { component: "body", label: "Arrives on", default: "" },
      ],
    });
    expect(await listMessageTemplates(agent)).toEqual([created]);
    expect(await listMessageTemplates(outsider)).toEqual([]);

    const updated = await updateMessageTemplate(tenant.owner, created.id, form({ title: "Shipped", templateName: "order_update", language: "en_US", parameters: "" }));
    expect(updated).toMatchObject({ id: created.id, title: "Shipped", language: "en_US", parameters: [] });
    await expect(createMessageTemplate(tenant.owner, form({ title: "Shipped", templateName: "hello_world", language: "en", parameters: "" }))).rejects.toBeInstanceOf(ConflictError);
    await expect(createMessageTemplate(agent, form({ title: "Mine", templateName: "hello_world", language: "en", parameters: "" }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateMessageTemplate(outsider, created.id, form({ title: "Taken", templateName: "hello_world", language: "en", parameters: "" }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteMessageTemplate(outsider, created.id)).rejects.toBeInstanceOf(NotFoundError);
    await deleteMessageTemplate(tenant.owner, created.id);
    expect(await listMessageTemplates(tenant.owner)).toEqual([]);
    const audit = await db().auditEvent.findMany({ where: { organizationId: tenant.owner.organization.id, action: { startsWith: "message_template." } }, orderBy: { id: "asc" } });
    expect(audit.map((event) => [event.action, event.result])).toEqual([
      ["message_template.created", "success"],
      ["message_template.updated", "success"],
      ["message_template.created", "failure"],
      ["message_template.deleted", "success"],
    ]);
  });

  it("refuses a malformed template, naming each field", () => {
    const refused = () => form({ title: " ", templateName: "Order Update", language: "english", parameters: "footer: Nope" });
    expect(refused).toThrow(InvalidInputError);
    try {
      refused();
    } catch (error) {
      expect(Object.keys((error as InvalidInputError).fieldErrors).sort()).toEqual(["language", "parameters.0.component", "templateName", "title"]);
    }
  });
});

describe("sending a template", () => {
  it("reaches SunCo from the composer with its parameters filled in, in WhatsApp's schema", async () => {
    const outboxId = randomUUID();
    const message = await sendMessage(
      agent,
      composeSchema.parse({
        clientMessageId: outboxId,
        conversationId: tenant.conversationId,
        template: { name: "appointment_reminder", language: "en_US", headerParameters: ["May 3"], bodyParameters: ["Nora", "Dr. Lee", "10:00"] },
      }),
    );
    expect(message).toMatchObject({ contentType: "template", deliveryStatus: "sending" });
    await deliverOutboxMessage(outboxId);
    expect(await inSunco(tenant.suncoConversationId, outboxId)).toMatchObject({
      content: {
        type: "template",
        template: {
          name: "appointment_reminder",
          language: { policy: "deterministic", code: "en_US" },
          components: [
            { type: "header", parameters: [{ type: "text", text: "May 3" }] },
            { type: "body", parameters: [{ type: "text", text: "Nora" }, { type: "text", text: "Dr. Lee" }, { type: "text", text: "10:00" }] },
          ],
        },
      },
    });
  });

  it("is a content type of the API's send, sent alone (422 naming the field otherwise)", async () => {
    const { key } = await apiKeyFor(tenant.owner, ["send"], "Templates");
    const url = `/api/v1/conversations/${tenant.conversationId}/messages`;
    const params = { conversationId: tenant.conversationId };
    const mixed = await callApi(messagesRoute.POST, url, params, { key, body: { text: "Hi", template: { name: "order_update", language: "en", bodyParameters: ["#7", "today"] } } });
    expect(mixed.status).toBe(422);
    expect(mixed.body).toMatchObject({ errors: { template: [expect.stringMatching(/sent alone/)] } });
    const badName = await callApi(messagesRoute.POST, url, params, { key, body: { template: { name: "Order Update", language: "en" } } });
    expect(badName).toMatchObject({ status: 422, body: { errors: { "template.name": [expect.any(String)] } } });

    const sent = await callApi(messagesRoute.POST, url, params, { key, body: { template: { name: "order_update", language: "en", bodyParameters: ["#7", "today"] } } });
    expect(sent).toMatchObject({ status: 201, body: { contentType: "template", authorDisplayName: "API: Templates" } });
    const outboxId = (sent.body as { clientMessageId: string }).clientMessageId;
    await deliverOutboxMessage(outboxId);
    expect(await inSunco(tenant.suncoConversationId, outboxId)).toMatchObject({
      content: { type: "template", template: { name: "order_update", components: [{ type: "body", parameters: [{ text: "#7" }, { text: "today" }] }] } },
    });
  });
});

describe("WhatsApp's refusal of a free-form message", () => {
  it("shows the agent SunCo's reason on the message, recognised as needing a template", async () => {
    const whatsapp = await appAdminClient(tenant.sandbox).integrations.create({ type: "whatsapp" } as never);
    const started = await startConversation(
      tenant.owner,
      parseInput(startConversationSchema, {
        connectionId: tenant.connectionId,
        user: { externalId: "wa-window" },
        channel: { type: "whatsapp", phoneNumber: "+1 514 555 0142", integrationId: whatsapp.id },
        message: { text: "Hello, are you there?" },
      }),
      randomUUID(),
    );
    await eventually(async () => (await db().channelLink.findUniqueOrThrow({ where: { id: started.channelLink!.id } })).state === "linked");
    const outbox = await db().outboxMessage.findFirstOrThrow({ where: { conversationId: started.conversationId } });
    await deliverOutboxMessage(outbox.id);
    const failed = await eventually(async () => {
      const row = await db().message.findFirst({ where: { clientMessageId: outbox.id } });
      return row?.deliveryStatus === "failed" && row;
    });
    expect(failed.deliveryError).toMatch(/\(#131047\) Re-engagement message/);
    expect(needsTemplate(failed.deliveryError)).toBe(true);
    expect(needsTemplate("uncategorized_error: (#132000) Number of parameters does not match")).toBe(false);
  });
});

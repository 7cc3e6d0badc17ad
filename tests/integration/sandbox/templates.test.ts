// WhatsApp template messages in the sandbox: checked as PostMessage is called, stored and sent in conversation:message
// like any business message, delivered to a WhatsApp client, refused at delivery as WhatsApp would when the template
// or its parameter count is wrong.
import { beforeAll, describe, expect, it } from "vitest";
import { appApi, WEBHOOK_PATH, withSandbox } from "@/tests/support/sandbox-server";

const env = withSandbox();
let api: ReturnType<typeof appApi>;
let conversationId: string;

type Event = { type: string; payload: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

const events = (type: string, messageId: string): Event[] =>
  env.receiver
    .posts()
    .filter((r) => r.path === `${WEBHOOK_PATH}templates`)
    .flatMap((r) => (r.body as { events: Event[] }).events)
    .filter((e) => e.type === type && e.payload.message?.id === messageId);

const orderUpdate = (parameters: string[]) => ({
  name: "order_update",
  language: { policy: "deterministic", code: "en" },
  components: [{ type: "body", parameters: parameters.map((text) => ({ type: "text", text })) }],
});

const sendTemplate = (template: Record<string, unknown>) =>
  api("POST", `/conversations/${conversationId}/messages`, {
    author: { type: "business" },
    schema: "whatsapp",
    content: { type: "template", template },
  });

beforeAll(async () => {
  const app = env.sandbox.fixtures.apps[0]!;
  api = appApi(env.sandbox.url, app.id, app.appKeys[0]!);
  await api("POST", "/integrations", {
    type: "custom",
    webhooks: [{ target: `${env.receiver.url}${WEBHOOK_PATH}templates`, triggers: ["conversation:message", "conversation:message:delivery:channel", "conversation:message:delivery:failure"] }],
  });
  // A user reached on WhatsApp only: a linked WhatsApp client is their conversation's channel.
  const whatsapp = (await api("POST", "/integrations", { type: "whatsapp" })).body.integration;
  const user = (await api("POST", "/users", { externalId: "template-customer" })).body.user;
  conversationId = (await api("POST", "/conversations", { type: "personal", participants: [{ userId: user.id }] })).body.conversation.id;
  await api("POST", `/users/${user.id}/clients`, {
    matchCriteria: { type: "whatsapp", integrationId: whatsapp.id, phoneNumber: "+15145550199" },
    confirmation: { type: "immediate" },
    target: { conversationId },
  });
  await env.sandbox.control.advanceClock(2_000);
});

describe("WhatsApp templates in the sandbox", () => {
  it("stores a template message, sends it in conversation:message and delivers it to WhatsApp", async () => {
    const sent = await sendTemplate(orderUpdate(["#42", "Friday"]));
    expect(sent.status).toBe(201);
    const message = sent.body.messages[0];
    expect(message).toMatchObject({ author: { type: "business" }, content: { type: "template", template: orderUpdate(["#42", "Friday"]) } });

    const listed = await api("GET", `/conversations/${conversationId}/messages`);
    expect(listed.body.messages.at(-1)).toEqual(message);
    await env.receiver.waitFor(() => events("conversation:message:delivery:channel", message.id).length === 1);
    expect(events("conversation:message", message.id)[0]!.payload.message.content).toEqual(message.content);
    expect(events("conversation:message:delivery:channel", message.id)[0]!.payload.destination).toMatchObject({ type: "whatsapp" });
  });

  it("fails delivery as WhatsApp does for a wrong parameter count or an unknown template", async () => {
    const short = (await sendTemplate(orderUpdate(["#42"]))).body.messages[0];
    const unknown = (await sendTemplate({ name: "no_such_template", language: { code: "en" } })).body.messages[0];
    await env.receiver.waitFor(() => events("conversation:message:delivery:failure", short.id).length + events("conversation:message:delivery:failure", unknown.id).length === 2);
    expect(events("conversation:message:delivery:failure", short.id)[0]!.payload.error).toEqual({
      code: "uncategorized_error",
      message: "(#132000) Number of parameters does not match the expected number of params",
    });
    expect(events("conversation:message:delivery:failure", unknown.id)[0]!.payload.error.message).toMatch(/132001/);
  });

  it("fails a free-form message to WhatsApp outside the 24-hour window, as WhatsApp does (#131047), and delivers a template", async () => {
    const text = (await api("POST", `/conversations/${conversationId}/messages`, { author: { type: "business" }, content: { type: "text", text: "Hi there" } })).body.messages[0];
    await env.receiver.waitFor(() => events("conversation:message:delivery:failure", text.id).length === 1);
    expect(events("conversation:message:delivery:failure", text.id)[0]!.payload.error).toEqual({
      code: "uncategorized_error",
      message: expect.stringMatching(/^\(#131047\) Re-engagement message: more than 24 hours have passed/),
    });
    expect(events("conversation:message:delivery:channel", text.id)).toEqual([]);
  });

  it("refuses a template without a language or with a malformed parameter, naming the field, and stores nothing", async () => {
    const before = (await api("GET", `/conversations/${conversationId}/messages`)).body.messages.length;
    const noLanguage = await sendTemplate({ name: "order_update" });
    expect(noLanguage.status).toBe(400);
    expect(JSON.stringify(noLanguage.body)).toContain("content.template.language");
    const badParameter = await sendTemplate({ ...orderUpdate([]), components: [{ type: "body", parameters: [{ type: "text" }] }] });
    expect(badParameter.status).toBe(400);
    expect(JSON.stringify(badParameter.body)).toContain("parameters[0].text");
    const withoutSchema = await api("POST", `/conversations/${conversationId}/messages`, {
      author: { type: "business" },
      content: { type: "template", template: orderUpdate(["#1", "today"]) },
    });
    expect(withoutSchema.status).toBe(400);
    expect((await api("GET", `/conversations/${conversationId}/messages`)).body.messages).toHaveLength(before);
  });
});

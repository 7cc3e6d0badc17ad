// The limits and rules of SunCo's contract that the sandbox answers with 400s, and the lines it answers them with.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  activityPostBodySchema,
  clientCreateBodySchema,
  conversationCreateBodySchema,
  describeIssues,
  integrationCreateBodySchema,
  integrationUpdateBodySchemaFor,
  messagePostBodySchema,
  messageSchema,
  metadataSchema,
  pageQuerySchema,
  participantLeaveBodySchema,
  switchboardIntegrationCreateBodySchema,
  timestampSchema,
  userUpdateBodySchema,
  webhookCreateBodySchema,
} from "@/lib/sunco/schemas";

function problems(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : describeIssues(result.error);
}

const business = { type: "business" };
const postback = { type: "postback", text: "Select", payload: "TACOS" };
const item = (title: string) => ({ title, actions: [postback] });
const text = (body: string) => ({ author: business, content: { type: "text", text: body } });

describe("PostMessage body", () => {
  it("accepts a business text message and keeps only the fields the spec defines", () => {
    const parsed = messagePostBodySchema.parse({ ...text("Hello!"), unknownField: 1 });
    expect(parsed).toEqual({ author: { type: "business" }, content: { type: "text", text: "Hello!" } });
  });

  it("requires an author", () => {
    expect(problems(messagePostBodySchema, { content: { type: "text", text: "Hi" } })).toEqual(["author is required"]);
  });

  it("limits text to 4096 characters", () => {
    expect(problems(messagePostBodySchema, text("a".repeat(4096)))).toEqual([]);
    expect(problems(messagePostBodySchema, text("a".repeat(4097)))).toEqual([
      "content.text must be at most 4096 characters",
    ]);
  });

  it("requires text unless actions, htmlText or markdownText stand in for it, and only one rich format", () => {
    const content = (fields: object) => ({ author: business, content: { type: "text", ...fields } });
    expect(problems(messagePostBodySchema, content({}))).toEqual([
      "content.text is required unless actions, htmlText or markdownText is given",
    ]);
    expect(problems(messagePostBodySchema, content({ markdownText: "**hi**" }))).toEqual([]);
    expect(problems(messagePostBodySchema, content({ htmlText: "<b>hi</b>", markdownText: "**hi**" }))).toEqual([
      "content.markdownText cannot be combined with htmlText: give one of them",
    ]);
  });

  it("limits a carousel to 10 items and an item to 3 actions", () => {
    const carousel = (items: object[]) => ({ author: business, content: { type: "carousel", items } });
    const ten = Array.from({ length: 10 }, (_, i) => item(`Item ${i}`));
    expect(problems(messagePostBodySchema, carousel(ten))).toEqual([]);
    expect(problems(messagePostBodySchema, carousel([...ten, item("Eleventh")]))).toEqual([
      "content.items must have at most 10 items",
    ]);
    expect(problems(messagePostBodySchema, carousel([{ title: "Tacos", actions: Array(4).fill(postback) }]))).toEqual([
      "content.items[0].actions must have at most 3 items",
    ]);
  });

  it("names the action types a message and an item accept", () => {
    const share = { type: "share", text: "Share" };
    expect(problems(messagePostBodySchema, { author: business, content: { type: "text", actions: [share] } })).toEqual([
      "content.actions[0].type must be one of: buy, link, locationRequest, postback, reply, webview",
    ]);
    const carousel = { type: "carousel", items: [{ title: "Tacos", actions: [{ type: "reply", text: "Hi", payload: "x" }] }] };
    expect(problems(messagePostBodySchema, { author: business, content: carousel })).toEqual([
      "content.items[0].actions[0].type must be one of: buy, link, postback, webview",
    ]);
  });

  it("accepts each of the 6 action types with its required fields, and names what one lacks", () => {
    const actions = [
      { type: "buy", text: "Buy", amount: 999, currency: "usd" },
      { type: "link", text: "Open", uri: "https://example.org" },
      { type: "locationRequest", text: "Where are you?" },
      { type: "postback", text: "Select", payload: "TACOS" },
      { type: "reply", text: "Yes", payload: "YES" },
      { type: "webview", text: "Book", uri: "https://example.org/book", fallback: "https://example.org" },
    ];
    expect(problems(messagePostBodySchema, { author: business, content: { type: "text", text: "Pick", actions } })).toEqual([]);
    const withoutFallback = { type: "webview", text: "Book", uri: "https://example.org/book" };
    expect(
      problems(messagePostBodySchema, { author: business, content: { type: "text", text: "Pick", actions: [withoutFallback] } }),
    ).toEqual(["content.actions[0].fallback is required"]);
  });

  it("names the content types, and refuses formResponse, which only Web Messenger sends", () => {
    expect(problems(messagePostBodySchema, { author: business, content: { type: "video" } })).toEqual([
      "content.type must be one of: text, image, file, carousel, list, location, form, formResponse, template",
    ]);
    const formResponse = { type: "formResponse", fields: [{ type: "text", name: "n", label: "Name", text: "Jo" }] };
    for (const content of [formResponse, { type: "formResponse" }]) {
      expect(problems(messagePostBodySchema, { author: business, content })).toEqual([
        "content.type cannot be formResponse: only Web Messenger sends it, in answer to a form",
      ]);
    }
  });

  it("needs a user author to be named, and a business author not to be", () => {
    expect(problems(messagePostBodySchema, { author: { type: "user" }, content: { type: "text", text: "Hi" } })).toEqual([
      "author.userId or userExternalId is required when type is user",
    ]);
    const named = { type: "business", userId: "5963c0d619a30a2e00de36b8" };
    expect(problems(messagePostBodySchema, { author: named, content: { type: "text", text: "Hi" } })).toEqual([
      "author.userId is only supported when type is user",
    ]);
  });

  it("checks a template against WhatsApp's shape: name, language, components and their parameters", () => {
    const send = (template: Record<string, unknown>) =>
      problems(messagePostBodySchema, { author: business, schema: "whatsapp", content: { type: "template", template } });
    const language = { policy: "deterministic", code: "en_US" };
    expect(
      send({
        namespace: "XXXXXXXX_XXXX",
        name: "hello_world",
        language,
        components: [
          { type: "header", parameters: [{ type: "image", image: { link: "https://media.example/logo.png" } }] },
          { type: "body", parameters: [{ type: "text", text: "Ada" }, { type: "currency", currency: { fallback_value: "$10", code: "USD", amount_1000: 10000 } }] },
          { type: "button", sub_type: "quick_reply", index: "0", parameters: [{ type: "payload", payload: "YES" }] },
        ],
      }),
    ).toEqual([]);
    // The spec's own example says `component`.
    expect(send({ name: "hello_world", language, component: [{ type: "body", parameters: [{ type: "text", text: "Ada" }] }] })).toEqual([]);
    expect(send({ language })).toEqual(["content.template.name is required"]);
    expect(send({ name: "Hello World", language })).toEqual([
      "content.template.name must be a template name: lowercase letters, digits and underscores",
    ]);
    expect(send({ name: "hello_world" })).toEqual(["content.template.language is required"]);
    expect(send({ name: "hello_world", language: { code: "english" } })).toEqual([
      "content.template.language.code must be a language code such as en or en_US",
    ]);
    expect(send({ name: "hello_world", language, components: [{ type: "body", parameters: [{ type: "text", text: "" }] }] })).toEqual([
      "content.template.components[0].parameters[0].text must not be empty",
    ]);
    expect(send({ name: "hello_world", language, components: [{ type: "footer" }] })).toHaveLength(1);
    expect(send({ name: "hello_world", language, components: [{ type: "header", parameters: [{ type: "image", image: {} }] }] })).toEqual([
      "content.template.components[0].parameters[0].image needs a link or an id",
    ]);
    expect(send({ name: "hello_world", language, components: [], component: [] })).toEqual([
      "content.template.component cannot be combined with components: give one of them",
    ]);
  });

  it("sends a template only with the whatsapp schema, and targets one channel only for business authors", () => {
    const template = { author: business, content: { type: "template", template: { name: "hello_world", language: { code: "en_US" } } } };
    expect(problems(messagePostBodySchema, template)).toEqual(['schema must be "whatsapp" to send a template']);
    expect(problems(messagePostBodySchema, { ...template, schema: "whatsapp" })).toEqual([]);
    const user = { type: "user", userId: "5963c0d619a30a2e00de36b8" };
    const destination = { integrationType: "whatsapp" };
    expect(problems(messagePostBodySchema, { ...text("Hi"), author: user, destination })).toEqual([
      "destination is only supported for business authors",
    ]);
    expect(problems(messagePostBodySchema, { ...text("Hi"), destination: { ...destination, integrationId: "x" } })).toEqual([
      "destination must name exactly one of integrationId and integrationType",
    ]);
  });

  it("requires unique field names in a form", () => {
    const field = { type: "text", name: "name", label: "Your name?" };
    const form = { author: business, content: { type: "form", fields: [field, field] } };
    expect(problems(messagePostBodySchema, form)).toEqual(["content.fields must have unique names"]);
  });
});

describe("metadata", () => {
  it("is flat: strings, numbers and booleans only", () => {
    expect(problems(metadataSchema, { lang: "en-ca", score: 3, vip: true })).toEqual([]);
    expect(problems(metadataSchema, { nested: { deep: 1 }, list: [1] })).toEqual([
      "nested must be a string, number or boolean (metadata is flat: no nested objects or arrays)",
      "list must be a string, number or boolean (metadata is flat: no nested objects or arrays)",
    ]);
  });

  it("is at most 4 KB once serialized, and null unsets it", () => {
    const fits = { note: "x".repeat(4096 - '{"note":""}'.length) };
    expect(problems(metadataSchema, fits)).toEqual([]);
    expect(problems(metadataSchema, { ...fits, more: 1 })).toEqual(["body must be at most 4096 bytes once serialized (it is 4105)"]);
    expect(problems(metadataSchema, null)).toEqual([]);
  });

  it("counts bytes, not characters", () => {
    expect(problems(metadataSchema, { note: "é".repeat(2042) })).toEqual([]);
    expect(problems(metadataSchema, { note: "é".repeat(2043) })).toEqual([
      "body must be at most 4096 bytes once serialized (it is 4097)",
    ]);
  });
});

describe("pagination query", () => {
  const cursor = "5e1606762556d93e9c176f69";

  it("takes one cursor and a page size of 1 to 100, given as strings", () => {
    expect(pageQuerySchema.parse({ "page[after]": cursor, "page[size]": "10" })).toEqual({ "page[after]": cursor, "page[size]": 10 });
    expect(problems(pageQuerySchema, { "page[size]": "0" })).toEqual(["page[size] must be at least 1"]);
    expect(problems(pageQuerySchema, { "page[size]": "101" })).toEqual(["page[size] must be at most 100"]);
  });

  it("refuses page[after] together with page[before], and cursors that aren't record ids", () => {
    expect(problems(pageQuerySchema, { "page[after]": cursor, "page[before]": cursor })).toEqual([
      "page[before] cannot be combined with page[after]: give only one cursor",
    ]);
    expect(problems(pageQuerySchema, { "page[after]": "short" })).toEqual([
      "page[after] must be a record id (24 hexadecimal characters)",
    ]);
  });
});

describe("other request bodies", () => {
  it("allows only conversation:read activity from a user", () => {
    const user = { type: "user", userId: "5963c0d619a30a2e00de36b8" };
    expect(problems(activityPostBodySchema, { author: user, type: "conversation:read" })).toEqual([]);
    expect(problems(activityPostBodySchema, { author: user, type: "typing:start" })).toEqual([
      "type must be conversation:read when the author is a user",
    ]);
  });

  it("creates a personal conversation with exactly one participant, named once", () => {
    expect(problems(conversationCreateBodySchema, { type: "personal", participants: [{ userId: "u1" }] })).toEqual([]);
    expect(problems(conversationCreateBodySchema, { type: "personal" })).toEqual([
      "participants must hold exactly 1 user in a personal conversation",
    ]);
    expect(problems(conversationCreateBodySchema, { type: "personal", participants: [{ userId: "u1", userExternalId: "e1" }] })).toEqual([
      "participants[0].userId or userExternalId is required, but not both",
    ]);
    expect(problems(conversationCreateBodySchema, { type: "sdkGroup", participants: [{ userId: "u1" }] })).toEqual([
      "participants[0].subscribeSDKClient is required in an sdkGroup conversation",
    ]);
  });

  it("leaves a conversation by exactly one of userId, userExternalId and participantId", () => {
    expect(problems(participantLeaveBodySchema, { participantId: "p1" })).toEqual([]);
    expect(problems(participantLeaveBodySchema, {})).toEqual([
      "body must name exactly one of userId, userExternalId and participantId",
    ]);
  });

  it("creates a webhook with known triggers and a web target", () => {
    const webhook = { target: "https://example.com/callback", triggers: ["conversation:message"] };
    expect(problems(webhookCreateBodySchema, webhook)).toEqual([]);
    expect(problems(webhookCreateBodySchema, { target: "ftp://example.com", triggers: ["conversation:Message"] })).toEqual([
      "target must be an http or https URL",
      expect.stringMatching(/^triggers\[0\] must be one of: client:add, client:remove, .*, user:remove$/),
    ]);
  });

  it("creates integrations with each type's required credentials", () => {
    expect(problems(integrationCreateBodySchema, { type: "telegram", token: "192033615:AAEuee2FS2JYKWfDlTulfygjaIGJi4s" })).toEqual([]);
    expect(problems(integrationCreateBodySchema, { type: "apple", businessId: "b" })).toEqual([
      "apiSecret is required",
      "mspId is required",
    ]);
    expect(problems(integrationCreateBodySchema, { type: "twilio", accountSid: "AC1", authToken: "t" })).toEqual([
      "phoneNumberSid or messagingServiceSid is required",
    ]);
    expect(problems(integrationCreateBodySchema, { type: "custom", webhooks: [] })).toEqual([
      "webhooks must hold exactly 1 webhook",
    ]);
    expect(problems(integrationCreateBodySchema, { type: "fax" })).toEqual([
      "type must be one of: android, apple, custom, instagram, ios, line, mailgun, messagebird, messenger, telegram, twilio, twitter, unity, viber, web, whatsapp",
    ]);
  });

  it("names the integration fields a type can't update instead of dropping them", () => {
    expect(problems(integrationUpdateBodySchemaFor("mailgun"), { displayName: "Mail", fromAddress: "a@b.c" })).toEqual([]);
    expect(problems(integrationUpdateBodySchemaFor("mailgun"), { apiKey: "key-1" })).toEqual([
      "apiKey cannot be updated on a mailgun integration: delete the integration and create it again",
    ]);
    expect(problems(integrationUpdateBodySchemaFor("custom"), { showAIDisclaimer: false })).toEqual([
      "showAIDisclaimer cannot be updated on a custom integration: delete the integration and create it again",
    ]);
  });

  it("refuses to change a user's externalId", () => {
    expect(problems(userUpdateBodySchema, { externalId: "new-id" })).toEqual(["externalId cannot be changed once the user exists"]);
  });

  it("links a switchboard integration by integrationId or integrationType, not both", () => {
    expect(switchboardIntegrationCreateBodySchema.parse({ name: "bot", integrationType: "zd:agentWorkspace" })).toMatchObject({
      deliverStandbyEvents: true,
    });
    expect(problems(switchboardIntegrationCreateBodySchema, { name: "bot bot", integrationId: "a", integrationType: "b" })).toEqual([
      "name may contain only letters, digits, - and _",
      "integrationId or integrationType is required, but not both",
    ]);
  });

  it("links a channel with a + phone number and a text or image confirmation with link actions only", () => {
    const link = {
      matchCriteria: { type: "whatsapp", integrationId: "582dedf230e788746891281a", phoneNumber: "212 555 2368" },
      confirmation: {
        type: "prompt",
        message: { author: business, content: { type: "text", text: "Continue on WhatsApp?", actions: [postback] } },
      },
      target: { conversationId: "029c31f25a21b47effd7be90" },
    };
    expect(problems(clientCreateBodySchema, link)).toEqual([
      "matchCriteria.phoneNumber must start with + and the country code, e.g. +1 212-555-2368",
      "confirmation.message.content.actions[0].type must be link in a confirmation message",
    ]);
  });
});

describe("resources SunCo returns", () => {
  const message = {
    id: "5f748c1a2b5315fc007e7977",
    received: "2020-09-30T13:46:02.733Z",
    author: { type: "business" },
    content: { type: "text", text: "Hello!" },
  };

  it("keep fields the spec doesn't know", () => {
    expect(messageSchema.parse({ ...message, newField: { a: 1 } })).toMatchObject({ newField: { a: 1 } });
  });

  it("name a missing required field", () => {
    expect(problems(messageSchema, { ...message, received: undefined })).toEqual(["received is required"]);
  });

  it("take timestamps only as YYYY-MM-DDThh:mm:ss.SSSZ", () => {
    expect(problems(timestampSchema, "2020-09-30T13:46:02.733Z")).toEqual([]);
    expect(problems(timestampSchema, "2020-09-30T13:46:02Z")).toEqual([
      "body must be a timestamp formatted YYYY-MM-DDThh:mm:ss.SSSZ",
    ]);
  });
});

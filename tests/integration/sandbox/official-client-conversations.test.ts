// Conversations, participants, messages of every sendable type, pagination, activities and attachments through the
// official sunshine-conversations-client, every answer checked against the spec.
import { createReadStream, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { call, callFailing, officialClient, type OfficialApis } from "@/tests/support/sunco-official-client";
import { basicAuth, withSandbox } from "@/tests/support/sandbox-server";

const env = withSandbox();
let acme: OfficialApis;
let globex: OfficialApis;
let acmeId: string;
let globexId: string;

beforeAll(() => {
  const [first, second] = env.sandbox.fixtures.apps;
  acmeId = first!.id;
  globexId = second!.id;
  acme = officialClient(env.sandbox.url, { basic: first!.appKeys[0]! });
  globex = officialClient(env.sandbox.url, { basic: second!.appKeys[0]! });
});

async function newUser(api: OfficialApis, appId: string, body: object = {}) {
  return (await call(api.UsersApi, "createUser", "CreateUser", appId, body)).data.user.id as string;
}

async function personalConversation(api: OfficialApis, appId: string, userId: string) {
  const { body } = await call(api.ConversationsApi, "createConversation", "CreateConversation", appId, {
    type: "personal",
    participants: [{ userId }],
  });
  return body.conversation.id as string;
}

const business = { type: "business" };

describe("conversations through the official client", () => {
  it("creates a user's default conversation, gets, lists, updates it, and refuses to delete it", async () => {
    const userId = await newUser(acme, acmeId, { externalId: `conv-${Date.now()}` });
    const created = await call(acme.ConversationsApi, "createConversation", "CreateConversation", acmeId, {
      type: "personal",
      participants: [{ userId }],
      displayName: "Billing",
      metadata: { topic: "billing" },
    });
    expect(created.status).toBe(201);
    const { conversation } = created.body;
    expect(conversation).toMatchObject({ type: "personal", isDefault: true, displayName: "Billing", metadata: { topic: "billing" } });
    expect(conversation.createdAt).toBe(conversation.lastUpdatedAt);

    const got = await call(acme.ConversationsApi, "getConversation", "GetConversation", acmeId, conversation.id);
    expect(got.body.conversation).toEqual(conversation);

    const listed = await call(acme.ConversationsApi, "listConversations", "ListConversations", acmeId, { userId });
    expect(listed.body.conversations.map((c: { id: string }) => c.id)).toEqual([conversation.id]);
    expect(listed.body.meta).toEqual({ hasMore: false });

    const updated = await call(acme.ConversationsApi, "updateConversation", "UpdateConversation", acmeId, conversation.id, {
      description: "Invoices",
      displayName: null,
    });
    expect(updated.body.conversation.description).toBe("Invoices");
    expect(updated.body.conversation.displayName).toBeUndefined();

    const refused = await callFailing(acme.ConversationsApi, "deleteConversation", "DeleteConversation", acmeId, conversation.id);
    expect(refused.body.errors[0]!.title).toBe(`Conversation ${conversation.id} cannot be deleted because it is the default.`);
  });

  it("an app without multiConvo refuses a second personal conversation; one with it allows it, and deletes non-default ones", async () => {
    const acmeUser = await newUser(acme, acmeId);
    await personalConversation(acme, acmeId, acmeUser);
    const refused = await callFailing(acme.ConversationsApi, "createConversation", "CreateConversation", acmeId, {
      type: "personal",
      participants: [{ userId: acmeUser }],
    });
    expect(refused.status).toBe(400);

    const globexUser = await newUser(globex, globexId);
    await personalConversation(globex, globexId, globexUser);
    const second = await personalConversation(globex, globexId, globexUser);
    expect((await call(globex.ConversationsApi, "getConversation", "GetConversation", globexId, second)).body.conversation.isDefault).toBe(false);
    expect((await call(globex.ConversationsApi, "deleteConversation", "DeleteConversation", globexId, second)).body).toEqual({});
    const gone = await callFailing(globex.ConversationsApi, "getConversation", "GetConversation", globexId, second);
    expect(gone.body).toEqual({ errors: [{ code: "conversation_not_found", title: "Conversation not found" }] });
  });

  it("validates the create body: a personal conversation needs exactly one participant", async () => {
    const error = await callFailing(acme.ConversationsApi, "createConversation", "CreateConversation", acmeId, { type: "personal" });
    expect(error.status).toBe(400);
    expect(error.body.errors[0]!.title).toBe("participants must hold exactly 1 user in a personal conversation");
  });

  it("lists conversations 25 at a time with cursors and absolute links", async () => {
    const userId = await newUser(globex, globexId);
    const ids: string[] = [];
    for (let i = 0; i < 27; i++) ids.push(await personalConversation(globex, globexId, userId));
    const first = await call(globex.ConversationsApi, "listConversations", "ListConversations", globexId, { userId });
    expect(first.body.conversations.map((c: { id: string }) => c.id)).toEqual(ids.slice(0, 25));
    expect(first.body.meta).toEqual({ hasMore: true, afterCursor: ids[24] });
    expect(first.body.links.next).toBe(`${env.sandbox.url}/v2/apps/${globexId}/conversations?filter[userId]=${userId}&page[after]=${ids[24]}`);

    const second = await call(globex.ConversationsApi, "listConversations", "ListConversations", globexId, { userId }, { page: { after: ids[24] } });
    expect(second.body.conversations.map((c: { id: string }) => c.id)).toEqual(ids.slice(25));
    expect(second.body.meta).toEqual({ hasMore: false, beforeCursor: ids[25] });

    const small = await fetch(`${first.body.links.next.replace("page[after]", "page[size]=1&page[after]")}`, {
      headers: { authorization: basicAuth(env.sandbox.fixtures.apps[1]!.appKeys[0]!) },
    });
    expect((await small.json()).conversations).toHaveLength(1);
  });
});

describe("participants through the official client", () => {
  it("users join and leave an sdkGroup conversation, and are listed", async () => {
    const [a, b] = [await newUser(globex, globexId), await newUser(globex, globexId)];
    const { body } = await call(globex.ConversationsApi, "createConversation", "CreateConversation", globexId, {
      type: "sdkGroup",
      participants: [{ userId: a, subscribeSDKClient: false }],
    });
    const conversationId = body.conversation.id;
    const joined = await call(globex.ParticipantsApi, "joinConversation", "JoinConversation", globexId, conversationId, {
      userId: b,
      subscribeSDKClient: false,
    });
    expect(joined.status).toBe(201);
    expect(joined.body.participant).toMatchObject({ userId: b, unreadCount: 0, clientAssociations: [] });

    const listed = await call(globex.ParticipantsApi, "listParticipants", "ListParticipants", globexId, conversationId, {});
    expect(listed.body.participants.map((p: { userId: string }) => p.userId)).toEqual([a, b]);

    await call(globex.ParticipantsApi, "leaveConversation", "LeaveConversation", globexId, conversationId, { userId: a });
    const again = await callFailing(globex.ParticipantsApi, "leaveConversation", "LeaveConversation", globexId, conversationId, { userId: a });
    expect(again.body).toEqual({ errors: [{ code: "not_found", title: "User is not a member of the conversation" }] });
  });

  it("personal conversations cannot be joined", async () => {
    const userId = await newUser(acme, acmeId);
    const conversationId = await personalConversation(acme, acmeId, userId);
    const other = await newUser(acme, acmeId);
    const error = await callFailing(acme.ParticipantsApi, "joinConversation", "JoinConversation", acmeId, conversationId, {
      userId: other,
      subscribeSDKClient: false,
    });
    expect(error.status).toBe(400);
  });
});

describe("messages through the official client", () => {
  let conversationId: string;
  let userId: string;
  beforeAll(async () => {
    userId = await newUser(acme, acmeId, { profile: { givenName: "Mo", surname: "Salah" } });
    conversationId = await personalConversation(acme, acmeId, userId);
  });

  const post = async (content: object, extra: object = {}) => {
    const { body, status } = await call(acme.MessagesApi, "postMessage", "PostMessage", acmeId, conversationId, {
      author: business,
      content,
      ...extra,
    });
    expect(status).toBe(201);
    expect(body.messages).toHaveLength(1);
    return body.messages[0];
  };

  it("text, with markdown turned into HTML and plain text", async () => {
    const message = await post({ type: "text", markdownText: "**Hello** [docs](https://example.test)" });
    expect(message.content).toEqual({
      type: "text",
      htmlText: '<strong>Hello</strong> <a href="https://example.test">docs</a>',
      text: "Hello docs (https://example.test)",
    });
    expect(message.author).toEqual({ type: "business", avatarUrl: expect.stringMatching(/^https:\/\/www\.gravatar\.com\//) });
    expect(message.source).toEqual({ type: "api:conversations" });
  });

  it("text with every kind of action", async () => {
    const actions = [
      { type: "reply", text: "Yes", payload: "YES" },
      { type: "postback", text: "Talk to sales", payload: "SALES", metadata: { team: "emea" } },
      { type: "link", text: "Docs", uri: "https://example.test/docs" },
      { type: "buy", text: "Buy", amount: 999, currency: "cad" },
      { type: "locationRequest", text: "Share location" },
      { type: "webview", text: "Open", uri: "https://example.test/w", fallback: "https://example.test/f", size: "tall" },
    ];
    const message = await post({ type: "text", text: "Pick one", actions });
    expect(message.content.actions).toEqual(actions);
  });

  it("image and file: media type, size and alt text are filled in", async () => {
    const image = await post({ type: "image", mediaUrl: "https://example.test/cat.png", altText: "A cat" });
    expect(image.content).toEqual({ type: "image", mediaUrl: "https://example.test/cat.png", altText: "A cat", mediaType: "image/png" });
    const file = await post({ type: "file", mediaUrl: "https://example.test/FAQ.pdf", text: "Our FAQ" });
    expect(file.content).toMatchObject({ mediaType: "application/pdf", altText: "FAQ.pdf", text: "Our FAQ" });
  });

  it("carousel and list get a text fallback", async () => {
    const items = [
      { title: "Tacos", description: "Get your tacos today!", actions: [{ type: "link", text: "More info", uri: "https://example.org" }] },
      { title: "Ramen", actions: [{ type: "postback", text: "Select", payload: "RAMEN" }] },
    ];
    const carousel = await post({ type: "carousel", items, displaySettings: { imageAspectRatio: "square" } });
    expect(carousel.content.text).toBe("1. Tacos\nGet your tacos today!\nMore info: https://example.org\n\n2. Ramen");
    const list = await post({ type: "list", items, actions: [{ type: "link", text: "All", uri: "https://example.org/all" }] });
    expect(list.content.text).toBe(carousel.content.text);
  });

  it("location, form and WhatsApp template", async () => {
    const location = await post({ type: "location", coordinates: { lat: 45.5261583, long: -73.595346 }, location: { name: "Zendesk Montréal" } });
    expect(location.content.text).toBe("Location shared:\nhttps://maps.google.com/maps?q=45.5261583,-73.595346");
    const form = await post({
      type: "form",
      blockChatInput: true,
      fields: [
        { type: "text", name: "full_name", label: "Your name?", placeholder: "Type your name...", minSize: 1, maxSize: 30 },
        { type: "select", name: "size", label: "Size", options: [{ name: "s", label: "Small" }, { name: "l", label: "Large" }] },
      ],
    });
    expect(form.content).toMatchObject({ submitted: false, blockChatInput: true });
    const template = await post(
      { type: "template", template: { name: "hello_world", language: { code: "en_US" } } },
      { schema: "whatsapp" },
    );
    expect(template.content.type).toBe("template");
  });

  it("a user author appears with their name; formResponse cannot be sent", async () => {
    const { body } = await call(acme.MessagesApi, "postMessage", "PostMessage", acmeId, conversationId, {
      author: { type: "user", userId },
      content: { type: "text", text: "Hi from the API" },
    });
    expect(body.messages[0].author).toMatchObject({ type: "user", userId, displayName: "Mo Salah" });
    const refused = await callFailing(acme.MessagesApi, "postMessage", "PostMessage", acmeId, conversationId, {
      author: { type: "user", userId },
      content: { type: "formResponse", fields: [{ type: "text", name: "a", label: "A", text: "x" }] },
    });
    expect(refused.body.errors[0]!.title).toBe("content.type cannot be formResponse: only Web Messenger sends it, in answer to a form");
  });

  it("names every problem of an invalid message", async () => {
    const error = await callFailing(acme.MessagesApi, "postMessage", "PostMessage", acmeId, conversationId, {
      author: { type: "user" },
      content: { type: "text", text: "x".repeat(4097) },
    });
    expect(error.status).toBe(400);
    expect(error.body.errors.map((e) => e.title).sort()).toEqual([
      "author.userId or userExternalId is required when type is user",
      "content.text must be at most 4096 characters",
    ]);
  });

  it("lists messages newest page first, 100 at a time, and pages backwards", async () => {
    const userId2 = await newUser(acme, acmeId);
    const busy = await personalConversation(acme, acmeId, userId2);
    const ids: string[] = [];
    for (let i = 0; i < 105; i++) {
      const { body } = await call(acme.MessagesApi, "postMessage", "PostMessage", acmeId, busy, {
        author: business,
        content: { type: "text", text: `#${i}` },
      });
      ids.push(body.messages[0].id);
    }
    const recent = await call(acme.MessagesApi, "listMessages", "ListMessages", acmeId, busy, {});
    expect(recent.body.messages.map((m: { id: string }) => m.id)).toEqual(ids.slice(5));
    expect(recent.body.meta).toEqual({ hasMore: true, beforeCursor: ids[5] });
    const older = await call(acme.MessagesApi, "listMessages", "ListMessages", acmeId, busy, { page: { before: ids[5] } });
    expect(older.body.messages.map((m: { id: string }) => m.id)).toEqual(ids.slice(0, 5));
    expect(older.body.meta.hasMore).toBe(false);

    await call(acme.MessagesApi, "deleteMessage", "DeleteMessage", acmeId, busy, ids[104]);
    const after = await call(acme.MessagesApi, "listMessages", "ListMessages", acmeId, busy, { page: { after: ids[100] } });
    expect(after.body.messages.map((m: { id: string }) => m.id)).toEqual(ids.slice(101, 104));
    await call(acme.MessagesApi, "deleteAllMessages", "DeleteAllMessages", acmeId, busy);
    expect((await call(acme.MessagesApi, "listMessages", "ListMessages", acmeId, busy, {})).body.messages).toEqual([]);
  });

  it("answers 423 once a conversation holds 30,000 messages, until its messages are deleted", async () => {
    const userId2 = await newUser(acme, acmeId);
    const full = await personalConversation(acme, acmeId, userId2);
    await env.sandbox.control.fillConversation(full, 30_000);
    const body = { author: business, content: { type: "text", text: "one too many" } };
    const error = await callFailing(acme.MessagesApi, "postMessage", "PostMessage", acmeId, full, body);
    expect(error).toMatchObject({ status: 423, body: { errors: [{ code: "locked", title: "Message limit of 30000 per conversation reached." }] } });
    await call(acme.MessagesApi, "deleteAllMessages", "DeleteAllMessages", acmeId, full);
    expect((await call(acme.MessagesApi, "postMessage", "PostMessage", acmeId, full, body)).status).toBe(201);
  });
});

describe("activities through the official client", () => {
  it("a user read receipt resets the unread count; the business may type and read", async () => {
    const userId = await newUser(acme, acmeId);
    const conversationId = await personalConversation(acme, acmeId, userId);
    await call(acme.MessagesApi, "postMessage", "PostMessage", acmeId, conversationId, { author: business, content: { type: "text", text: "1" } });
    const unread = await call(acme.ParticipantsApi, "listParticipants", "ListParticipants", acmeId, conversationId, {});
    expect(unread.body.participants[0].unreadCount).toBe(1);

    const read = await call(acme.ActivitiesApi, "postActivity", "PostActivity", acmeId, conversationId, {
      author: { type: "user", userId },
      type: "conversation:read",
    });
    expect(read.body).toEqual({});
    const after = await call(acme.ParticipantsApi, "listParticipants", "ListParticipants", acmeId, conversationId, {});
    expect(after.body.participants[0]).toMatchObject({ unreadCount: 0, lastRead: expect.any(String) });

    for (const type of ["typing:start", "typing:stop", "conversation:read"]) {
      await call(acme.ActivitiesApi, "postActivity", "PostActivity", acmeId, conversationId, { author: business, type });
    }
    const conversation = await call(acme.ConversationsApi, "getConversation", "GetConversation", acmeId, conversationId);
    expect(conversation.body.conversation.businessLastRead).toEqual(expect.any(String));

    const refused = await callFailing(acme.ActivitiesApi, "postActivity", "PostActivity", acmeId, conversationId, {
      author: { type: "user", userId },
      type: "typing:start",
    });
    expect(refused.body.errors[0]!.title).toBe("type must be conversation:read when the author is a user");
  });
});

describe("attachments through the official client", () => {
  it("uploads a file, serves it back from its mediaUrl, sends it, and deletes it", async () => {
    const userId = await newUser(acme, acmeId);
    const conversationId = await personalConversation(acme, acmeId, userId);
    const dir = mkdtempSync(path.join(tmpdir(), "sandbox-upload-"));
    const file = path.join(dir, "receipt.png");
    const bytes = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    writeFileSync(file, bytes);

    const uploaded = await call(acme.AttachmentsApi, "uploadAttachment", "UploadAttachment", acmeId, "public", createReadStream(file), {
      conversationId,
      _for: "message",
    });
    expect(uploaded.status).toBe(201);
    const { mediaUrl, mediaType } = uploaded.body.attachment;
    expect(mediaType).toBe("image/png");
    expect(mediaUrl).toMatch(new RegExp(`^${env.sandbox.url}/attachments/v2/[0-9A-Z]{26}/receipt\\.png$`));

    const served = await fetch(mediaUrl);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);

    const { body } = await call(acme.MessagesApi, "postMessage", "PostMessage", acmeId, conversationId, {
      author: business,
      content: { type: "image", mediaUrl },
    });
    expect(body.messages[0].content).toMatchObject({ mediaType: "image/png", mediaSize: bytes.length });

    await call(acme.AttachmentsApi, "deleteAttachment", "DeleteAttachment", acmeId, { mediaUrl });
    expect((await fetch(mediaUrl)).status).toBe(404);
    const again = await callFailing(acme.AttachmentsApi, "deleteAttachment", "DeleteAttachment", acmeId, { mediaUrl });
    expect(again.body).toEqual({ errors: [{ code: "not_found", title: "Attachment not found" }] });
    const foreign = await callFailing(acme.AttachmentsApi, "deleteAttachment", "DeleteAttachment", acmeId, { mediaUrl: "https://badhost.com/image.png" });
    expect(foreign.body.errors[0]!.title).toBe("Unsupported media URL for attachment deletion: https://badhost.com/image.png");
  });

  it("attachments uploaded for a message go with its conversation", async () => {
    const { data } = await call(globex.UsersApi, "createUser", "CreateUser", globexId, {});
    await personalConversation(globex, globexId, data.user.id);
    const conversationId = await personalConversation(globex, globexId, data.user.id);
    const dir = mkdtempSync(path.join(tmpdir(), "sandbox-upload-"));
    writeFileSync(path.join(dir, "notes.txt"), "hello");
    const uploaded = await call(globex.AttachmentsApi, "uploadAttachment", "UploadAttachment", globexId, "public", createReadStream(path.join(dir, "notes.txt")), {
      conversationId,
      _for: "message",
    });
    await call(globex.ConversationsApi, "deleteConversation", "DeleteConversation", globexId, conversationId);
    expect((await fetch(uploaded.body.attachment.mediaUrl)).status).toBe(404);
  });
});

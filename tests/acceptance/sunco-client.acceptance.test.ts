// The SunCo client against a SunCo app, with the app key a tenant gives us: in `npm test` the standalone sandbox, in
// `npm run test:live` a real app (SUNCO_LIVE_*). It creates only users and conversations tagged as this run's,
// deletes them afterwards, and touches nothing else in the app (no webhooks, integrations or app settings).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SuncoClient } from "@/lib/sunco";
import { collect, suncoFailure } from "@/tests/support/sunco-client";
import { openTarget, type SuncoTarget } from "@/tests/support/sunco-target";
import { LIVE_TEST_TAG } from "@/tests/support/sunco-test-run";

let target: SuncoTarget;
let client: SuncoClient;

beforeAll(async () => {
  target = await openTarget();
  client = target.client;
});
afterAll(async () => {
  await target?.close();
});

const business = { type: "business" as const, displayName: "Sunbridge acceptance test" };

function createUser(givenName = "Ada") {
  return client.users.create({ externalId: target.run.nextExternalId(), profile: { givenName }, metadata: target.run.metadata });
}

async function userWithConversation() {
  const user = await createUser();
  const conversation = await client.conversations.create({
    type: "personal",
    participants: [{ userId: user.id }],
    metadata: target.run.metadata,
  });
  return { user, conversation };
}

describe("the app", () => {
  it("reads the app the key belongs to", async () => {
    expect((await client.app.get()).id).toBe(client.appId);
  });
});

describe("users", () => {
  it("creates a user, reads it by id and by external id, updates it and deletes it", async () => {
    const created = await createUser();
    expect(created.metadata).toEqual(target.run.metadata);
    expect(await client.users.get(created.id)).toMatchObject({ id: created.id, externalId: created.externalId });
    expect((await client.users.get(created.externalId!)).id).toBe(created.id);
    const updated = await client.users.update(created.id, {
      profile: { surname: "Lovelace" },
      metadata: { ...target.run.metadata, plan: "pro" },
    });
    expect(updated).toMatchObject({ profile: { surname: "Lovelace" }, metadata: { plan: "pro" } });
    await client.users.delete(created.id);
    expect((await suncoFailure(client.users.get(created.id))).kind).toBe("not_found");
  });

  it("answers not_found, typed, for a user that does not exist", async () => {
    const missing = await suncoFailure(client.users.get(`${LIVE_TEST_TAG}-${target.run.id}-nobody`));
    expect(missing).toMatchObject({ kind: "not_found", status: 404 });
  });
});

describe("conversations", () => {
  it("creates a user's conversation, reads it and updates its metadata", async () => {
    const { user, conversation } = await userWithConversation();
    expect(conversation).toMatchObject({ type: "personal", metadata: target.run.metadata });
    expect((await client.conversations.get(conversation.id)).id).toBe(conversation.id);
    const updated = await client.conversations.update(conversation.id, { metadata: { ...target.run.metadata, order: "7" } });
    expect(updated.metadata).toMatchObject({ order: "7" });
    const page = await client.conversations.list({ userId: user.id });
    expect(page.items.map((c) => c.id)).toEqual([conversation.id]);
  });

  it("lists a user's conversations page by page", async () => {
    const { user, conversation } = await userWithConversation();
    // Group conversations, so that the app need not allow a user several personal ones (multiConvoEnabled).
    const groups = [];
    for (let i = 0; i < 2; i++) {
      groups.push(
        await client.conversations.create({
          type: "sdkGroup",
          displayName: `Acceptance group ${i + 1}`,
          participants: [{ userId: user.id, subscribeSDKClient: false }],
          metadata: target.run.metadata,
        }),
      );
    }
    const first = await client.conversations.list({ userId: user.id }, { size: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.meta.hasMore).toBe(true);
    const all = await collect(client.conversations.iterate({ userExternalId: user.externalId! }, { pageSize: 1 }));
    expect(all.map((c) => c.id).sort()).toEqual([conversation.id, ...groups.map((g) => g.id)].sort());
  });
});

describe("messages", () => {
  it("posts the business's and the user's messages, lists them, and deletes one", async () => {
    const { user, conversation } = await userWithConversation();
    const [greeting] = await client.messages.send(conversation.id, { author: business, content: { type: "text", text: "Hello from the test" } });
    const [answer] = await client.messages.send(conversation.id, {
      author: { type: "user", userId: user.id },
      content: { type: "text", text: "Hi" },
    });
    const [buttons] = await client.messages.send(conversation.id, {
      author: business,
      content: { type: "text", text: "Anything else?", actions: [{ type: "reply", text: "No", payload: "NO" }] },
    });
    const listed = (await client.messages.list(conversation.id)).items.map((m) => [m.id, m.author.type, m.content.type]);
    expect(listed).toEqual([
      [greeting!.id, "business", "text"],
      [answer!.id, "user", "text"],
      [buttons!.id, "business", "text"],
    ]);
    await client.messages.delete(conversation.id, answer!.id);
    expect((await collect(client.messages.iterate(conversation.id))).map((m) => m.id)).toEqual([buttons!.id, greeting!.id]);
  });
});

describe("attachments", () => {
  it("uploads a file for a conversation, sends it, and removes it", async () => {
    const { conversation } = await userWithConversation();
    const attachment = await client.attachments.upload({
      file: new Blob(["%PDF-1.4 acceptance test"], { type: "application/pdf" }),
      filename: "acceptance.pdf",
      conversationId: conversation.id,
      for: "message",
    });
    expect(attachment).toMatchObject({ mediaType: "application/pdf", mediaUrl: expect.stringMatching(/^https?:\/\//) });
    const [sent] = await client.messages.send(conversation.id, {
      author: business,
      content: { type: "file", mediaUrl: attachment.mediaUrl },
    });
    expect(sent!.content).toMatchObject({ type: "file", mediaUrl: attachment.mediaUrl });
    await client.attachments.remove(attachment.mediaUrl);
  });
});

describe("activities", () => {
  it("tells the conversation the business is typing, has stopped, and has read it", async () => {
    const { conversation } = await userWithConversation();
    await client.activities.post(conversation.id, { author: business, type: "typing:start" });
    await client.activities.post(conversation.id, { author: business, type: "typing:stop" });
    await client.activities.post(conversation.id, { author: business, type: "conversation:read" });
    expect((await client.conversations.get(conversation.id)).businessLastRead).toEqual(expect.any(String));
  });
});

// End to end through the SunCo sandbox: a tenant connects with OAuth (the sandbox checks our webhook with HEAD),
// its end user talks, the sandbox delivers real webhooks over HTTP, and the read model and open pages follow.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONVERSATION_HISTORY_QUEUE } from "@/lib/conversations";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { startWorkers, stopJobs, type QueueDefinition } from "@/lib/jobs";
import { closeLiveHub, latestLiveEventId, openLiveStream } from "@/lib/live";
import { drainWebhookEvents, forgetWebhookConnections } from "@/lib/webhooks";
import { startAppServer, type AppServer } from "../support/app-server";
import { oauthConnectFixture, signedInOwner } from "../support/connections";
import { withTestDatabase } from "../support/database";
import { startSandbox, type StartedSandbox } from "../support/sandbox-server";
import { eventually } from "../support/sandbox-tenant";
import { sseReader } from "../support/sse";

withTestDatabase();

let app: AppServer;
let sandbox: StartedSandbox;
let organizationId: string;

beforeAll(async () => {
  app = await startAppServer();
  resetEnvForTests({ APP_URL: app.url });
  sandbox = await startSandbox({ appUrl: app.url });
  resetEnvForTests({ APP_URL: app.url, SUNCO_API_BASE_URL: sandbox.url, SUNCO_OAUTH_BASE_URL: sandbox.url });
  forgetWebhookConnections();
});
afterAll(async () => {
  await stopJobs();
  await closeLiveHub();
  await sandbox?.stop();
  await app?.stop();
  resetEnvForTests();
});

const tenantApp = () => sandbox.fixtures.apps[0]!;

async function connect() {
  const { organization, ctx } = await signedInOwner();
  organizationId = organization.id;
  expect(await oauthConnectFixture(ctx, sandbox, 0)).toMatchObject({ outcome: "connected" });
  return db().connection.findFirstOrThrow({ where: { organizationId: organization.id } });
}

describe("with the SunCo sandbox", () => {
  let connectionId: string;
  let endUser: { id: string };
  let suncoConversationId: string;

  it("takes a tenant's end user's message from the sandbox's webhook into the read model and onto open pages", async () => {
    const connection = await connect();
    connectionId = connection.id;
    const page = openLiveStream({ organizationId, lastEventId: await latestLiveEventId(), signal: new AbortController().signal });
    const live = sseReader(page);

    endUser = await sandbox.control.createEndUser(tenantApp().id, { givenName: "Nora", surname: "Jones", email: "nora@example.test" });
    suncoConversationId = (await sandbox.control.openConversation(tenantApp().id, endUser.id)).id;
    await sandbox.control.sendAsEndUser(suncoConversationId, endUser.id, { type: "text", text: "My parcel is late" });

    const message = await eventually(() => db().message.findFirst({ where: { text: "My parcel is late" } }));
    expect(message).toMatchObject({ authorType: "user", contentType: "text", organizationId });
    const conversation = await db().conversation.findUniqueOrThrow({
      where: { connectionId_suncoConversationId: { connectionId, suncoConversationId } },
    });
    expect(conversation).toMatchObject({ lastMessagePreview: "My parcel is late", unreadCount: 1, type: "personal" });
    // The webhook includes the full user: the profile is there for the side panel.
    const user = await db().suncoUser.findUniqueOrThrow({ where: { id: conversation.endUserId! } });
    expect(user).toMatchObject({ suncoUserId: endUser.id, givenName: "Nora", surname: "Jones", email: "nora@example.test" });

    const created = await live.next((frame) => frame.event === "message.created");
    expect(JSON.parse(created.data!)).toMatchObject({ message: { text: "My parcel is late" } });
    await live.cancel();
  });

  it("relays typing as a live signal only, and the end user's read receipt into the conversation", async () => {
    const conversation = await db().conversation.findUniqueOrThrow({
      where: { connectionId_suncoConversationId: { connectionId, suncoConversationId } },
    });
    const live = sseReader(openLiveStream({ organizationId, lastEventId: await latestLiveEventId(), signal: new AbortController().signal }));
    await sandbox.control.setTyping(suncoConversationId, endUser.id, true);
    await sandbox.control.markRead(suncoConversationId, endUser.id);
    const typing = await (async () => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        await drainWebhookEvents();
        try {
          return await live.next((frame) => frame.event === "typing", 100);
        } catch (error) {
          if (Date.now() > deadline) throw error;
        }
      }
    })();
    expect(JSON.parse(typing.data!)).toMatchObject({ conversationId: conversation.id, suncoUserId: endUser.id, typing: true });
    const read = await eventually(async () => {
      const now = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
      return now.userLastReadAt ? now : null;
    });
    expect(read.userLastReadAt!.getTime()).toBeGreaterThan(0);
    await live.cancel();
  });

  it("fetches the recent history of a conversation it hears of for the first time, without counting it unread", async () => {
    const other = await sandbox.control.createEndUser(tenantApp().id, { givenName: "Omar" });
    const suncoId = (await sandbox.control.openConversation(tenantApp().id, other.id)).id;
    // Business messages SunCo has but never sent a webhook about (as from before the connection).
    await sandbox.control.fillConversation(suncoId, 3);
    await sandbox.control.sendAsEndUser(suncoId, other.id, { type: "text", text: "Hello again" });
    await startWorkers([CONVERSATION_HISTORY_QUEUE as QueueDefinition<object>]);

    const conversation = await eventually(async () => {
      const found = await db().conversation.findUnique({
        where: { connectionId_suncoConversationId: { connectionId, suncoConversationId: suncoId } },
        include: { messages: true },
      });
      return found?.historyFetchedAt && found.messages.length === 4 ? found : null;
    });
    expect(conversation.messages.map((m) => m.text).sort()).toEqual([
      "Filler message 1",
      "Filler message 2",
      "Filler message 3",
      "Hello again",
    ]);
    expect(conversation.unreadCount).toBe(1);
    expect(conversation.lastMessagePreview).toBe("Hello again");
  });

  it("counts unread the end user's messages that reach it only through the history fetch, though older than the conversation's row", async () => {
    const other = await sandbox.control.createEndUser(tenantApp().id, { givenName: "Rosa" });
    // The conversation's first events never arrive (refused for their secret, not retried): Sunbridge first hears of
    // it from a later message, and the fetch brings the earlier ones, all written after the connection was made.
    await sandbox.control.webhookFault("wrongSecret", 3, { appId: tenantApp().id });
    const suncoId = (await sandbox.control.openConversation(tenantApp().id, other.id)).id;
    await sandbox.control.sendAsEndUser(suncoId, other.id, { type: "text", text: "First try" });
    await sandbox.control.sendAsEndUser(suncoId, other.id, { type: "text", text: "Second try" });
    await eventually(async () => ((await sandbox.control.faults()).length === 0 ? true : null));
    await sandbox.control.sendAsEndUser(suncoId, other.id, { type: "text", text: "Third try" });

    const conversation = await eventually(async () => {
      const found = await db().conversation.findUnique({
        where: { connectionId_suncoConversationId: { connectionId, suncoConversationId: suncoId } },
        include: { messages: true },
      });
      return found?.historyFetchedAt && found.messages.length === 3 ? found : null;
    });
    expect(conversation.messages.map((m) => m.text).sort()).toEqual(["First try", "Second try", "Third try"]);
    expect(Math.min(...conversation.messages.map((m) => m.receivedAt.getTime()))).toBeLessThan(conversation.createdAt.getTime());
    expect(conversation.unreadCount).toBe(3);
  });

  it("gives up on a history SunCo refuses outright, without retrying, and keeps what webhooks brought", async () => {
    const other = await sandbox.control.createEndUser(tenantApp().id, { givenName: "Ines" });
    const suncoId = (await sandbox.control.openConversation(tenantApp().id, other.id)).id;
    await sandbox.control.fillConversation(suncoId, 2);
    // Once: a retry would succeed and bring the filler messages in.
    await sandbox.control.failNext(1, 403, { method: "GET", path: `/v2/apps/*/conversations/${suncoId}/messages` });
    await sandbox.control.sendAsEndUser(suncoId, other.id, { type: "text", text: "Anyone there?" });

    const conversation = await eventually(async () => {
      const found = await db().conversation.findUnique({
        where: { connectionId_suncoConversationId: { connectionId, suncoConversationId: suncoId } },
        include: { messages: true },
      });
      return found?.historyFetchedAt ? found : null;
    });
    expect(conversation.messages.map((m) => m.text)).toEqual(["Anyone there?"]);
    expect(await sandbox.control.faults()).toEqual([]);
  });
});

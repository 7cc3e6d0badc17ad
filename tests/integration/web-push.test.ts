// Web Push against a local fake push service: a notification reaches each of its member's subscribed devices,
// encrypted for that device (aes128gcm, RFC 8291) with the VAPID headers push services require (RFC 8292); a
// subscription the service says is gone (410) is deleted; endpoints that would make the server call an internal
// host are refused.
import { createECDH, randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemberContext } from "@/lib/auth/require-member";
import { sql } from "@/lib/db";
import { env, resetEnvForTests } from "@/lib/env";
import { InvalidInputError } from "@/lib/errors";
import { assignConversations } from "@/lib/inbox";
import { DEFAULT_PREFERENCES, pushSubscriptionSchema, saveNotificationPreferences, savePushSubscription } from "@/lib/notifications";
import { pushNotification } from "@/lib/notifications/push";
import { addMember, createOrganization, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { createConversation } from "../support/inbox";
import { createTeam } from "../support/teams";
import { createWebhookConnection, type TestConnection } from "../support/webhooks";

// web-push's own dependency, which implements RFC 8188: the fake push service's device decrypts with it.
const ece = createRequire(import.meta.url)("http_ece") as { decrypt(body: Buffer, params: { version: string; privateKey: unknown; authSecret: string }): Buffer };

withTestDatabase();

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let pushService: Server;
let pushServiceUrl: string;
const received: Received[] = [];

let owner: MemberContext;
let agent: MemberContext;
let connection: TestConnection;

beforeAll(async () => {
  // Answers 201 as push services do, and 410 for subscriptions under /gone/.
  pushService = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(request.url?.startsWith("/gone/") ? 410 : 201).end();
    });
  });
  await new Promise<void>((resolve) => pushService.listen(0, "127.0.0.1", resolve));
  pushServiceUrl = `http://127.0.0.1:${(pushService.address() as AddressInfo).port}`;
  const { organization, owner: ownerUser } = await createOrganization();
  owner = await memberContext(ownerUser.id, organization.id);
  agent = await memberContext((await addMember(organization.id, "agent")).id, organization.id);
  connection = await createWebhookConnection({ organizationId: organization.id });
});

afterAll(() => new Promise<void>((resolve) => pushService.close(() => resolve())));

/** A browser's subscription: its key pair and auth secret stay with the "device", which decrypts what arrives. */
function device(path: string) {
  const keys = createECDH("prime256v1");
  keys.generateKeys();
  const authSecret = randomBytes(16).toString("base64url");
  const subscription = { endpoint: `${pushServiceUrl}${path}`, keys: { p256dh: keys.getPublicKey("base64url"), auth: authSecret } };
  return { subscription, decrypt: (body: Buffer) => JSON.parse(ece.decrypt(body, { version: "aes128gcm", privateKey: keys, authSecret }).toString("utf8")) };
}

/** A conversation assigned to the member by someone else: a notification for them. */
async function notificationFor(userId: string) {
  const { id } = await createConversation({ connectionId: connection.id, organizationId: connection.organizationId, messages: [{ text: "Where is my parcel?" }] });
  await assignConversations(userId === owner.actor.id ? agent : owner, [id], userId);
  const { rows } = await sql().query<{ id: string }>(`SELECT "id" FROM "Notification" WHERE "conversationId" = $1 AND "userId" = $2`, [id, userId]);
  return { conversationId: id, notificationId: rows[0]!.id };
}

const subscriptionCount = async (endpoint: string) =>
  (await sql().query<{ n: number }>(`SELECT count(*)::int AS n FROM "PushSubscription" WHERE "endpoint" = $1`, [endpoint])).rows[0]!.n;

describe("Web Push", () => {
  it("queues a push with the notification and sends it encrypted, with the VAPID headers, to each of the member's devices", async () => {
    const phone = device("/ok/phone");
    const laptop = device("/ok/laptop");
    await savePushSubscription(agent, pushSubscriptionSchema.parse(phone.subscription));
    await savePushSubscription(agent, pushSubscriptionSchema.parse(laptop.subscription));
    const { conversationId, notificationId } = await notificationFor(agent.actor.id);
    const queued = await sql().query(`SELECT 1 FROM pgboss.job WHERE "name" = 'notification-push' AND "data"->>'notificationId' = $1`, [notificationId]);
    expect(queued.rows).toHaveLength(1);

    received.length = 0;
    const outcomes = await pushNotification(notificationId);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([201, 201]);
    expect(received.map((request) => request.path).sort()).toEqual(["/ok/laptop", "/ok/phone"]);
    for (const request of received) {
      expect(request.headers).toMatchObject({ "content-encoding": "aes128gcm", "content-type": "application/octet-stream", ttl: "3600", urgency: "high" });
      expect(request.headers.authorization).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${env().webPush.publicKey}$`));
      // The JWT is for this push service's origin.
      const claims = JSON.parse(Buffer.from(request.headers.authorization!.split(/[=.,]/)[2]!, "base64url").toString());
      expect(claims.aud).toBe(pushServiceUrl);
      const payload = (request.path === "/ok/phone" ? phone : laptop).decrypt(request.body);
      expect(payload).toEqual({
        title: `${owner.actor.name} assigned you a conversation`,
        body: "Where is my parcel?",
        url: `/inbox/${conversationId}`,
        tag: `conversation-${conversationId}`,
      });
    }
  });

  it("deletes a subscription the push service says is gone (410), and keeps the others", async () => {
    const stale = device("/gone/old-browser");
    const current = device("/ok/current");
    await savePushSubscription(owner, pushSubscriptionSchema.parse(stale.subscription));
    await savePushSubscription(owner, pushSubscriptionSchema.parse(current.subscription));
    const { notificationId } = await notificationFor(owner.actor.id);
    const outcomes = await pushNotification(notificationId);
    expect(outcomes.map((outcome) => [outcome.status, outcome.removed]).sort()).toEqual([[201, false], [410, true]]);
    expect(await subscriptionCount(stale.subscription.endpoint)).toBe(0);
    expect(await subscriptionCount(current.subscription.endpoint)).toBe(1);
  });

  it("sends nothing once the member has read the notification, or turned pushes off", async () => {
    const read = await notificationFor(agent.actor.id);
    await sql().query(`UPDATE "Notification" SET "readAt" = now() WHERE "id" = $1`, [read.notificationId]);
    expect(await pushNotification(read.notificationId)).toEqual([]);
    const unwanted = await notificationFor(agent.actor.id);
    await saveNotificationPreferences(agent, { ...DEFAULT_PREFERENCES, push: false });
    try {
      expect(await pushNotification(unwanted.notificationId)).toEqual([]);
      // Nor is a push queued for a notification while pushes are off.
      const next = await notificationFor(agent.actor.id);
      const queued = await sql().query(`SELECT 1 FROM pgboss.job WHERE "name" = 'notification-push' AND "data"->>'notificationId' = $1`, [next.notificationId]);
      expect(queued.rows).toHaveLength(0);
    } finally {
      await saveNotificationPreferences(agent, DEFAULT_PREFERENCES);
    }
  });

  it("sends nothing to a member who no longer sees the conversation when the push goes", async () => {
    const { organization, owner: ownerUser } = await createOrganization();
    const teamOwner = await memberContext(ownerUser.id, organization.id);
    const leaver = await memberContext((await addMember(organization.id, "agent")).id, organization.id);
    const served = await createWebhookConnection({ organizationId: organization.id });
    await savePushSubscription(leaver, pushSubscriptionSchema.parse(device("/ok/leaver").subscription));
    const { id } = await createConversation({ connectionId: served.id, organizationId: organization.id, messages: [{ text: "Hi" }] });
    await assignConversations(teamOwner, [id], leaver.actor.id);
    const { rows } = await sql().query<{ id: string }>(`SELECT "id" FROM "Notification" WHERE "conversationId" = $1`, [id]);
    // Their organization now has a team, and they are not in it: they see no conversation.
    await createTeam({ organizationId: organization.id, connectionIds: [served.id], members: [teamOwner.actor.id] });
    received.length = 0;
    expect(await pushNotification(rows[0]!.id)).toEqual([]);
    expect(received).toEqual([]);
  });

  it("refuses endpoints that are not https to a public host, in production's rule, and oversized ones", async () => {
    try {
      resetEnvForTests({ EVENT_ENDPOINTS_ALLOW_PRIVATE: "false" });
      const keys = device("/x").subscription.keys;
      for (const endpoint of ["http://push.example.com/x", "https://127.0.0.1/x", "https://10.1.2.3/x", "https://localhost/x", "https://[::1]/x", "https://user:pw@push.example.com/x"]) {
        await expect(savePushSubscription(agent, { endpoint, keys }), endpoint).rejects.toBeInstanceOf(InvalidInputError);
      }
      expect(await subscriptionCount("https://127.0.0.1/x")).toBe(0);
      expect(pushSubscriptionSchema.safeParse({ endpoint: `https://push.example.com/${"a".repeat(1100)}`, keys }).success).toBe(false);
      expect(pushSubscriptionSchema.safeParse({ endpoint: "https://push.example.com/x", keys: { ...keys, p256dh: "not a key" } }).success).toBe(false);
      await savePushSubscription(agent, { endpoint: "https://fcm.googleapis.com/fcm/send/abc", keys });
      expect(await subscriptionCount("https://fcm.googleapis.com/fcm/send/abc")).toBe(1);
    } finally {
      resetEnvForTests();
    }
  });
});

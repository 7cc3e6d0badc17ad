// Every trigger the spec gives a payload schema fires from what an integration or an end user does, and every
// payload the sandbox emits validates against the spec's event schemas (checked after each test by withSandbox).
import { beforeAll, describe, expect, it } from "vitest";
import { KNOWN_WEBHOOK_EVENT_TYPES } from "@/lib/sunco/schemas";
import { watchConversation } from "@/tests/support/live-feed";
import { call, callFailing, fixtureAppClient, type OfficialApis } from "@/tests/support/sunco-official-client";
import { WEBHOOK_PATH, withSandbox } from "@/tests/support/sandbox-server";

const env = withSandbox();
let api: OfficialApis;
let appId: string;

// Globex: multiple conversations per user, and postbacks echoed as messages.
beforeAll(() => ({ appId, api } = fixtureAppClient(env.sandbox, 1)));

type Event = { type: string; payload: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

const received = (): Event[] =>
  env.receiver
    .posts()
    .filter((r) => r.path === `${WEBHOOK_PATH}everything`)
    .flatMap((r) => (r.body as { events: Event[] }).events);
const eventsOf = (type: string) => received().filter((e) => e.type === type);
const waitForEvent = (type: string, count = 1) => env.receiver.waitFor(() => eventsOf(type).length >= count);

describe("webhook events", () => {
  it("emits every trigger with a payload schema, each validating against the spec", async () => {
    await call(api.IntegrationsApi, "createIntegration", "CreateIntegration", appId, {
      type: "custom",
      webhooks: [{ target: `${env.receiver.url}${WEBHOOK_PATH}everything`, triggers: [...KNOWN_WEBHOOK_EVENT_TYPES], includeFullUser: true, includeFullSource: true }],
    });
    const control = env.sandbox.control;

    // An end user arrives on the Web Messenger, opens a conversation, types, writes, and reads.
    const visitor = await control.createEndUser(appId, { givenName: "Eve", email: "eve@example.test" });
    const { id: conversationId } = await control.openConversation(appId, visitor.id);
    await control.setTyping(conversationId, visitor.id, true);
    await control.sendAsEndUser(conversationId, visitor.id, { type: "text", text: "Hi" });
    await control.referral(conversationId, visitor.id, "SPRING-SALE");

    // The business answers while the end user's device is connected: delivered to the channel and to the user.
    const device = await watchConversation(env.sandbox.url, conversationId);
    const buttons = await call(api.MessagesApi, "postMessage", "PostMessage", appId, conversationId, {
      author: { type: "business" },
      content: { type: "text", text: "Need help?", actions: [{ type: "postback", text: "Talk to sales", payload: "SALES" }] },
    });
    await device.waitFor("message");
    await waitForEvent("conversation:message:delivery:user");
    device.close();
    await control.tapButton(conversationId, visitor.id, buttons.body.messages[0].id, "SALES");
    await control.markRead(conversationId, visitor.id);
    // A template only WhatsApp can show fails delivery on the web.
    await call(api.MessagesApi, "postMessage", "PostMessage", appId, conversationId, {
      author: { type: "business" },
      content: { type: "template", template: { name: "hello_world", language: { code: "en_US" } } },
      schema: "whatsapp",
    });

    // Channel linking: a WhatsApp client added, confirmed when the channel answers, then removed.
    const whatsapp = await call(api.IntegrationsApi, "createIntegration", "CreateIntegration", appId, { type: "whatsapp" });
    const link = await call(api.ClientsApi, "createClient", "CreateClient", appId, visitor.id, {
      matchCriteria: { type: "whatsapp", integrationId: whatsapp.body.integration.id, phoneNumber: "+15145550123" },
      confirmation: { type: "immediate" },
      target: { conversationId },
    });
    await control.advanceClock(2_000);
    await call(api.ClientsApi, "removeClient", "RemoveClient", appId, visitor.id, link.body.client.id);

    // Group conversations: join, leave, and removal.
    const other = (await call(api.UsersApi, "createUser", "CreateUser", appId, { externalId: "member-1" })).body.user;
    const group = await call(api.ConversationsApi, "createConversation", "CreateConversation", appId, { type: "sdkGroup" });
    const groupId = group.body.conversation.id;
    await call(api.ParticipantsApi, "joinConversation", "JoinConversation", appId, groupId, { userId: other.id, subscribeSDKClient: false });
    await call(api.ParticipantsApi, "leaveConversation", "LeaveConversation", appId, groupId, { userId: other.id });
    await call(api.ConversationsApi, "deleteConversation", "DeleteConversation", appId, groupId);

    // The switchboard: control passes, is offered, accepted and released, and invalid moves fail.
    const switchboard = (await call(api.SwitchboardsApi, "createSwitchboard", "CreateSwitchboard", appId)).body.switchboard;
    await call(api.SwitchboardIntegrationsApi, "createSwitchboardIntegration", "CreateSwitchboardIntegration", appId, switchboard.id, {
      name: "agents",
      integrationType: "zd:agentWorkspace",
    });
    const action = (name: string, operationId: string, body?: object) =>
      call(api.SwitchboardActionsApi, name, operationId, appId, conversationId, ...(body ? [body] : []));
    await action("passControl", "PassControl", { switchboardIntegration: "agents", metadata: { why: "escalation" } });
    await callFailing(api.SwitchboardActionsApi, "offerControl", "OfferControl", appId, conversationId, { switchboardIntegration: "agents" });
    await callFailing(api.SwitchboardActionsApi, "passControl", "PassControl", appId, conversationId, { switchboardIntegration: "missing" });
    await callFailing(api.SwitchboardActionsApi, "acceptControl", "AcceptControl", appId, conversationId, {});
    await action("releaseControl", "ReleaseControl");
    await action("offerControl", "OfferControl", { switchboardIntegration: "agents" });
    await action("acceptControl", "AcceptControl", {});

    // Users: the visitor logs in as a new external id, then as an existing user (a merge), who is then deleted.
    const signedIn = await control.signIn(appId, visitor.id, "eve-123");
    expect(signedIn.authenticated).toBe(true);
    const second = await control.createEndUser(appId, { givenName: "Eve again" });
    await control.signIn(appId, second.id, "eve-123");
    await call(api.UsersApi, "deleteUser", "DeleteUser", appId, "eve-123");

    await env.receiver.waitFor(() => new Set(received().map((e) => e.type)).size >= KNOWN_WEBHOOK_EVENT_TYPES.length);
    expect([...new Set(received().map((e) => e.type))].sort()).toEqual([...KNOWN_WEBHOOK_EVENT_TYPES].sort());

    expect(eventsOf("conversation:postback")[0]!.payload.postback).toEqual({ payload: "SALES" });
    expect(eventsOf("conversation:referral")[0]!.payload.referral).toEqual({ code: "SPRING-SALE", details: { source: "ad", type: "referral" } });
    expect(eventsOf("conversation:message:delivery:failure")[0]!.payload.error).toEqual({
      code: "uncategorized_error",
      message: "Unsupported message type 'template'",
    });
    expect(eventsOf("switchboard:passControl")[0]!.payload.metadata).toEqual({ why: "escalation" });
    expect(eventsOf("user:update")[0]!.payload).toMatchObject({ reason: "authentication", user: { externalId: "eve-123", authenticated: true } });
    expect(eventsOf("user:merge")[0]!.payload).toMatchObject({ reason: "sdkLogin", mergedUsers: { surviving: { id: visitor.id }, discarded: { id: second.id } } });
    expect(eventsOf("client:add").map((e) => e.payload.reason)).toEqual(["sdkLogin", "channelLinking", "sdkLogin"]);
    expect(eventsOf("conversation:create")[0]!.payload).toMatchObject({ creationReason: "startConversation", user: { id: visitor.id } });
  });

  it("echoes a postback as the user's message when the app asks for it", async () => {
    const visitor = await env.sandbox.control.createEndUser(appId, {});
    const { id: conversationId } = await env.sandbox.control.openConversation(appId, visitor.id);
    const { body } = await call(api.MessagesApi, "postMessage", "PostMessage", appId, conversationId, {
      author: { type: "business" },
      content: { type: "text", text: "?", actions: [{ type: "postback", text: "Yes please", payload: "YES" }] },
    });
    const echo = await env.sandbox.control.tapButton(conversationId, visitor.id, body.messages[0].id, "Yes please");
    expect(echo).toMatchObject({ author: { type: "user", userId: visitor.id }, content: { type: "text", text: "Yes please", payload: "YES" } });
  });
});

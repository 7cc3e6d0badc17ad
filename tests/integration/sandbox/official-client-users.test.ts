// Users, clients and devices through the official sunshine-conversations-client, every answer checked against the spec.
import { beforeAll, describe, expect, it } from "vitest";
import { call, callFailing, expectSpecResponse, fixtureAppClient, type OfficialApis } from "@/tests/support/sunco-official-client";
import { basicAuth, withSandbox } from "@/tests/support/sandbox-server";

const env = withSandbox();
let api: OfficialApis;
let appId: string;

beforeAll(() => ({ appId, api } = fixtureAppClient(env.sandbox, 0)));

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;

async function personalConversation(userId: string) {
  const { data } = await call(api.ConversationsApi, "createConversation", "CreateConversation", appId, {
    type: "personal",
    participants: [{ userId }],
  });
  return data.conversation.id as string;
}

describe("users through the official client", () => {
  it("creates a user, and finds it by id and by externalId", async () => {
    const externalId = unique("customer");
    const created = await call(api.UsersApi, "createUser", "CreateUser", appId, {
      externalId,
      profile: { givenName: "Ada", surname: "Lovelace", email: "ada@example.test", locale: "en-GB" },
      metadata: { plan: "gold", seats: 3, trial: false },
    });
    expect(created.status).toBe(201);
    const user = created.data.user;
    expect(user.id).toMatch(/^[0-9a-f]{24}$/);
    expect(user.externalId).toBe(externalId);
    expect(user.profile).toMatchObject({ givenName: "Ada", surname: "Lovelace", email: "ada@example.test", locale: "en-GB" });
    expect(created.body.user.signedUpAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const byId = await call(api.UsersApi, "getUser", "GetUser", appId, user.id);
    const byExternalId = await call(api.UsersApi, "getUser", "GetUser", appId, externalId);
    expect(byExternalId.body).toEqual(byId.body);
    expect(byId.body.user.metadata).toEqual({ plan: "gold", seats: 3, trial: false });
  });

  it("a second user with the same externalId is a 409 conflict", async () => {
    const externalId = unique("dup");
    await call(api.UsersApi, "createUser", "CreateUser", appId, { externalId });
    const error = await callFailing(api.UsersApi, "createUser", "CreateUser", appId, { externalId });
    expect(error.status).toBe(409);
    expect(error.body).toEqual({ errors: [{ code: "conflict", title: "User already exists" }] });
  });

  it("updates the profile field by field, and metadata as a whole", async () => {
    const { data } = await call(api.UsersApi, "createUser", "CreateUser", appId, {
      profile: { givenName: "Grace", surname: "Hopper" },
      metadata: { a: 1 },
    });
    const updated = await call(api.UsersApi, "updateUser", "UpdateUser", appId, data.user.id, {
      profile: { surname: null, email: "grace@example.test" },
      metadata: { b: "two" },
      toBeRetained: true,
    });
    expect(updated.body.user.profile).toEqual({ givenName: "Grace", email: "grace@example.test" });
    expect(updated.body.user.metadata).toEqual({ b: "two" });
    expect(updated.body.user.toBeRetained).toBe(true);
  });

  it("refuses changing externalId, naming the field", async () => {
    const { data } = await call(api.UsersApi, "createUser", "CreateUser", appId, {});
    const error = await callFailing(api.UsersApi, "updateUser", "UpdateUser", appId, data.user.id, { externalId: "new" });
    expect(error.status).toBe(400);
    expect(error.body.errors[0]!.title).toBe("externalId cannot be changed once the user exists");
  });

  it("refuses metadata over 4 KB or nested", async () => {
    const big = await callFailing(api.UsersApi, "createUser", "CreateUser", appId, { metadata: { blob: "x".repeat(4100) } });
    expect(big.status).toBe(400);
    expect(big.body.errors[0]!.title).toMatch(/^metadata must be at most 4096 bytes/);
    const nested = await callFailing(api.UsersApi, "createUser", "CreateUser", appId, { metadata: { deep: { x: 1 } } });
    expect(nested.body.errors[0]!.title).toMatch(/^metadata\.deep must be a string, number or boolean/);
  });

  it("unknown users are 404 user_not_found", async () => {
    const error = await callFailing(api.UsersApi, "getUser", "GetUser", appId, "000000000000000000000000");
    expect(error).toMatchObject({ status: 404, body: { errors: [{ code: "user_not_found", title: "User not found" }] } });
  });

  it("deleting personal information clears the profile and metadata but keeps the user", async () => {
    const { data } = await call(api.UsersApi, "createUser", "CreateUser", appId, {
      externalId: unique("pii"),
      profile: { givenName: "Alan", surname: "Turing", email: "alan@example.test", locale: "en" },
      metadata: { secret: "x" },
    });
    const cleared = await call(api.UsersApi, "deleteUserPersonalInformation", "DeleteUserPersonalInformation", appId, data.user.id);
    expect(cleared.body.user.profile).toEqual({ locale: "en" });
    expect(cleared.body.user.metadata).toEqual({});
    expect(cleared.body.user.externalId).toBe(data.user.externalId);
  });

  it("deleting a user deletes their conversations too", async () => {
    const { data } = await call(api.UsersApi, "createUser", "CreateUser", appId, {});
    const conversationId = await personalConversation(data.user.id);
    const deleted = await call(api.UsersApi, "deleteUser", "DeleteUser", appId, data.user.id);
    expect(deleted.body).toEqual({});
    await callFailing(api.UsersApi, "getUser", "GetUser", appId, data.user.id);
    const gone = await callFailing(api.ConversationsApi, "getConversation", "GetConversation", appId, conversationId);
    expect(gone.body.errors[0]!.code).toBe("conversation_not_found");
  });

  it("ListUsers finds users by email identity, not by profile email", async () => {
    const email = `${unique("id")}@example.test`;
    const visitor = await env.sandbox.control.createEndUser(appId, { givenName: "Vera", email });
    await call(api.UsersApi, "createUser", "CreateUser", appId, { profile: { email } });
    const response = await fetch(`${env.sandbox.url}/v2/apps/${appId}/users?filter[identities.email]=${encodeURIComponent(email)}`, {
      headers: { authorization: basicAuth(env.sandbox.fixtures.apps[0]!.appKeys[0]!) },
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.users.map((u: { id: string }) => u.id)).toEqual([visitor.id]);

    const withoutFilter = await fetch(`${env.sandbox.url}/v2/apps/${appId}/users`, {
      headers: { authorization: basicAuth(env.sandbox.fixtures.apps[0]!.appKeys[0]!) },
    });
    expect(withoutFilter.status).toBe(400);
  });
});

describe("SyncUser (newer than the official client: plain HTTP)", () => {
  const sync = (zendeskId: string, body?: object) =>
    fetch(`${env.sandbox.url}/v2/apps/${appId}/users/${zendeskId}/sync`, {
      method: "POST",
      headers: { authorization: basicAuth(env.sandbox.fixtures.apps[0]!.appKeys[0]!), ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  it("finds a user by zendeskId, and merges them into the surviving one when Support merged them", async () => {
    const kept = await env.sandbox.control.createEndUser(appId, { givenName: "Kept", zendeskId: "1001" });
    const merged = await env.sandbox.control.createEndUser(appId, { givenName: "Merged", zendeskId: "1002" });
    const conversation = await env.sandbox.control.openConversation(appId, merged.id);

    const synced = await sync("1001");
    expect(synced.status).toBe(200);
    const body = await synced.json();
    expectSpecResponse("SyncUser", 200, body);
    expect(body.user).toMatchObject({ id: kept.id, zendeskId: "1001" });

    const survivor = await (await sync("1002", { survivingZendeskId: "1001" })).json();
    expect(survivor.user.id).toBe(kept.id);
    expect((await call(api.UsersApi, "getUser", "GetUser", appId, merged.id).catch((e) => e)).status).toBe(404);
    const conversations = await call(api.ConversationsApi, "listConversations", "ListConversations", appId, { userId: kept.id });
    expect(conversations.body.conversations.map((c: { id: string }) => c.id)).toEqual([conversation.id]);
    expect((await sync("9999")).status).toBe(404);
  });
});

describe("clients and devices through the official client", () => {
  it("a Web Messenger visitor has an active SDK client with a web device", async () => {
    const visitor = await env.sandbox.control.createEndUser(appId, { givenName: "Wes" });
    const clients = await call(api.ClientsApi, "listClients", "ListClients", appId, visitor.id, {});
    expect(clients.body.clients).toEqual([expect.objectContaining({ type: "sdk", status: "active", integrationId: null })]);
    const devices = await call(api.DevicesApi, "listDevices", "ListDevices", appId, visitor.id);
    expect(devices.body.devices).toEqual([
      expect.objectContaining({ type: "web", status: "active", clientId: clients.body.clients[0].id, integrationId: env.sandbox.fixtures.apps[0]!.integrations[0]!.id }),
    ]);
    const device = await call(api.DevicesApi, "getDevice", "GetDevice", appId, visitor.id, devices.body.devices[0].id);
    expect(device.body.device).toEqual(devices.body.devices[0]);
    const missing = await callFailing(api.DevicesApi, "getDevice", "GetDevice", appId, visitor.id, "000000000000000000000000");
    expect(missing.body.errors[0]!.code).toBe("device_not_found");
    const sdk = await callFailing(api.ClientsApi, "removeClient", "RemoveClient", appId, visitor.id, clients.body.clients[0].id);
    expect(sdk.body).toEqual({ errors: [{ code: "bad_request", title: "Cannot remove a client of type 'sdk'" }] });
  });

  it("links a channel: a pending client, active once confirmed or once the channel answers; removing it works", async () => {
    const whatsapp = await call(
      api.IntegrationsApi,
      "createIntegration",
      "CreateIntegration",
      appId,
      { type: "whatsapp", displayName: "WhatsApp" },
    );
    const { data } = await call(api.UsersApi, "createUser", "CreateUser", appId, {});
    const conversationId = await personalConversation(data.user.id);
    const link = (confirmation: string) =>
      call(api.ClientsApi, "createClient", "CreateClient", appId, data.user.id, {
        matchCriteria: { type: "whatsapp", integrationId: whatsapp.body.integration.id, phoneNumber: "+1 212-555-2368" },
        confirmation: { type: confirmation },
        target: { conversationId },
      });
    const created = await link("prompt");
    expect(created.status).toBe(201);
    expect(created.body.client).toMatchObject({ type: "whatsapp", status: "pending", externalId: "+1 212-555-2368" });

    await env.sandbox.control.confirmClient(created.body.client.id);
    const listed = await call(api.ClientsApi, "listClients", "ListClients", appId, data.user.id, {});
    expect(listed.body.clients[0]).toMatchObject({ id: created.body.client.id, status: "active" });

    // Created pending whatever the confirmation (as the spec says); `immediate` settles when the channel answers.
    const immediate = await link("immediate");
    expect(immediate.body.client.status).toBe("pending");
    await env.sandbox.control.advanceClock(2_000);
    const after = await call(api.ClientsApi, "listClients", "ListClients", appId, data.user.id, {});
    expect(after.body.clients.find((c: { id: string }) => c.id === immediate.body.client.id)).toMatchObject({ status: "active" });

    await call(api.ClientsApi, "removeClient", "RemoveClient", appId, data.user.id, created.body.client.id);
    const missing = await callFailing(api.ClientsApi, "removeClient", "RemoveClient", appId, data.user.id, created.body.client.id);
    expect(missing.body.errors[0]!.code).toBe("client_not_found");
  });

  it("refuses a link whose criteria don't match the integration's type", async () => {
    const { data } = await call(api.UsersApi, "createUser", "CreateUser", appId, {});
    const conversationId = await personalConversation(data.user.id);
    const web = env.sandbox.fixtures.apps[0]!.integrations[0]!.id;
    const error = await callFailing(api.ClientsApi, "createClient", "CreateClient", appId, data.user.id, {
      matchCriteria: { type: "twilio", integrationId: web, phoneNumber: "+15145550100" },
      confirmation: { type: "immediate" },
      target: { conversationId },
    });
    expect(error.status).toBe(400);
  });
});

// Users, their Clients and Devices. `{userIdOrExternalId}` takes either, with `?brandId=` for brand-separated users.
import { Hono } from "hono";
import {
  brandIdQuerySchema,
  clientCreateBodySchema,
  listUsersQuerySchema,
  syncUserBodySchema,
  userCreateBodySchema,
  userUpdateBodySchema,
} from "@/lib/sunco/schemas";
import type { SandboxContext } from "../context";
import { badRequest, clientNotFound, deviceNotFound, userNotFound } from "../errors";
import { appOperation, type AppCall, type SandboxEnv } from "../operation";
import { pageRequest, paginate } from "../pagination";
import { linkChannel, removeClient } from "../resources/clients";
import { participantOf, requireConversation } from "../resources/conversations";
import { createUser, deleteUser, mergeProfile, mergeUsers, requireUser } from "../resources/users";
import { clientView, deviceView, userView } from "../serialize";

export function userRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>();
  const USER = "/v2/apps/:appId/users/:userIdOrExternalId";

  const pathUser = (call: AppCall) =>
    requireUser(ctx, call.app.id, call.param("userIdOrExternalId"), call.query(brandIdQuerySchema).brandId);

  routes.post(
    "/v2/apps/:appId/users",
    appOperation(ctx, "CreateUser", async (call) => {
      const body = await call.body(userCreateBodySchema, { emptyAs: {} });
      return { status: 201, body: { user: userView(createUser(ctx, call.app.id, body)) } };
    }),
  );

  routes.get(
    "/v2/apps/:appId/users",
    appOperation(ctx, "ListUsers", (call) => {
      const query = call.query(listUsersQuerySchema);
      const email = query["filter[identities.email]"].toLowerCase();
      const users = ctx.state.users.where(
        (u) =>
          u.appId === call.app.id &&
          (query.brandId === undefined || u.brandId === query.brandId) &&
          u.identities.some((i) => i.type === "email" && i.value.toLowerCase() === email),
      );
      return { body: { users: users.map(userView) } };
    }),
  );

  routes.get(USER, appOperation(ctx, "GetUser", (call) => ({ body: { user: userView(pathUser(call)) } })));

  routes.patch(
    USER,
    appOperation(ctx, "UpdateUser", async (call) => {
      const user = pathUser(call);
      const body = await call.body(userUpdateBodySchema);
      if (body.signedUpAt !== undefined) user.signedUpAt = body.signedUpAt;
      if (body.toBeRetained !== undefined) user.toBeRetained = body.toBeRetained;
      if (body.profile) user.profile = mergeProfile(user.profile, body.profile);
      if (body.metadata !== undefined) user.metadata = body.metadata ?? {};
      ctx.changed();
      return { body: { user: userView(user) } };
    }),
  );

  routes.delete(
    USER,
    appOperation(ctx, "DeleteUser", (call) => {
      deleteUser(ctx, pathUser(call));
      return { body: {} };
    }),
  );

  routes.delete(
    `${USER}/personalinformation`,
    appOperation(ctx, "DeleteUserPersonalInformation", (call) => {
      const user = pathUser(call);
      user.profile = mergeProfile(user.profile, { givenName: null, surname: null, email: null, avatarUrl: null });
      user.metadata = {};
      for (const client of ctx.state.clients.where((c) => c.userId === user.id)) {
        Object.assign(client, { displayName: null, avatarUrl: null, info: null, raw: null });
      }
      ctx.changed();
      return { body: { user: userView(user) } };
    }),
  );

  routes.post(
    "/v2/apps/:appId/users/:userIdOrExternalId/sync",
    appOperation(ctx, "SyncUser", async (call) => {
      const byZendeskId = (zendeskId: string) => {
        const user = ctx.state.users.find((u) => u.appId === call.app.id && u.zendeskId === zendeskId);
        if (!user) throw userNotFound();
        return user;
      };
      const user = byZendeskId(call.param("userIdOrExternalId"));
      const { survivingZendeskId } = await call.body(syncUserBodySchema, { emptyAs: {} });
      if (!survivingZendeskId || survivingZendeskId === user.zendeskId) return { body: { user: userView(user) } };
      return { body: { user: userView(mergeUsers(ctx, byZendeskId(survivingZendeskId), user, "api")) } };
    }),
  );

  routes.post(
    `${USER}/clients`,
    appOperation(ctx, "CreateClient", async (call) => {
      const user = pathUser(call);
      const body = await call.body(clientCreateBodySchema);
      const conversation = requireConversation(ctx, call.app.id, body.target.conversationId);
      if (!participantOf(ctx, conversation.id, user.id)) throw badRequest("The user is not a participant in the target conversation");
      return { status: 201, body: { client: clientView(linkChannel(ctx, user, conversation, body)) } };
    }),
  );

  routes.get(
    `${USER}/clients`,
    appOperation(ctx, "ListClients", (call) => {
      const page = pageRequest(call.url);
      const user = pathUser(call);
      const { items, meta, links } = paginate(ctx.state.clients.where((c) => c.userId === user.id), page, call.url);
      return { body: { clients: items.map(clientView), meta, links } };
    }),
  );

  routes.delete(
    `${USER}/clients/:clientId`,
    appOperation(ctx, "RemoveClient", (call) => {
      const user = pathUser(call);
      const client = ctx.state.clients.get(call.param("clientId"));
      if (!client || client.userId !== user.id) throw clientNotFound();
      removeClient(ctx, client);
      return { body: {} };
    }),
  );

  routes.get(
    `${USER}/devices`,
    appOperation(ctx, "ListDevices", (call) => {
      const user = pathUser(call);
      const devices = ctx.state.devices.where((d) => d.userId === user.id).sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
      return { body: { devices: devices.map(deviceView) } };
    }),
  );

  routes.get(
    `${USER}/devices/:deviceId`,
    appOperation(ctx, "GetDevice", (call) => {
      const user = pathUser(call);
      const device = ctx.state.devices.get(call.param("deviceId"));
      if (!device || device.userId !== user.id) throw deviceNotFound();
      return { body: { device: deviceView(device) } };
    }),
  );

  return routes;
}

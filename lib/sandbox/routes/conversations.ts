// Conversations and Participants, plus the conversation extras (message refs, conversion events).
import { Hono } from "hono";
import {
  conversationCreateBodySchema,
  conversationUpdateBodySchema,
  conversionEventsBodySchema,
  downloadMessageRefBodySchema,
  listConversationsQuerySchema,
  participantJoinBodySchema,
  participantLeaveBodySchema,
} from "@/lib/sunco/schemas";
import type { SandboxContext } from "../context";
import { badRequest, notFound } from "../errors";
import { appOperation, type AppCall, type SandboxEnv } from "../operation";
import { pageRequest, paginate } from "../pagination";
import {
  conversationsOf,
  createConversation,
  deleteConversationData,
  joinConversation,
  leaveConversation,
  participantOf,
  participantsOf,
  requireConversation,
} from "../resources/conversations";
import { API_SOURCE } from "../resources/sources";
import { requireUser } from "../resources/users";
import { conversationView, participantView } from "../serialize";

export function conversationRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>();
  const CONVERSATION = "/v2/apps/:appId/conversations/:conversationId";
  const pathConversation = (call: AppCall) => requireConversation(ctx, call.app.id, call.param("conversationId"));
  const userRef = (call: AppCall, ref: { userId?: string; userExternalId?: string }) =>
    requireUser(ctx, call.app.id, (ref.userId ?? ref.userExternalId)!);

  routes.post(
    "/v2/apps/:appId/conversations",
    appOperation(ctx, "CreateConversation", async (call) => {
      const body = await call.body(conversationCreateBodySchema);
      const participants = (body.participants ?? []).map((ref) => ({ user: userRef(call, ref), subscribeSDKClient: ref.subscribeSDKClient }));
      const conversation = createConversation(ctx, call.app, { ...body, participants }, { reason: "none", source: API_SOURCE });
      return { status: 201, body: { conversation: conversationView(ctx.state, conversation) } };
    }),
  );

  routes.get(
    "/v2/apps/:appId/conversations",
    appOperation(ctx, "ListConversations", (call) => {
      const page = pageRequest(call.url);
      const query = call.query(listConversationsQuerySchema);
      const user = requireUser(ctx, call.app.id, (query["filter[userId]"] ?? query["filter[userExternalId]"])!);
      const { items, meta, links } = paginate(conversationsOf(ctx, user.id), page, call.url);
      return { body: { conversations: items.map((c) => conversationView(ctx.state, c)), meta, links } };
    }),
  );

  routes.get(
    CONVERSATION,
    appOperation(ctx, "GetConversation", (call) => ({ body: { conversation: conversationView(ctx.state, pathConversation(call)) } })),
  );

  routes.patch(
    CONVERSATION,
    appOperation(ctx, "UpdateConversation", async (call) => {
      const conversation = pathConversation(call);
      const body = await call.body(conversationUpdateBodySchema);
      for (const field of ["displayName", "description", "iconUrl", "metadata"] as const) {
        if (body[field] !== undefined) conversation[field] = body[field] as never;
      }
      ctx.live.publish(conversation.id, { type: "conversation:updated" });
      ctx.changed();
      return { body: { conversation: conversationView(ctx.state, conversation) } };
    }),
  );

  routes.delete(
    CONVERSATION,
    appOperation(ctx, "DeleteConversation", (call) => {
      const conversation = pathConversation(call);
      if (conversation.isDefault) {
        throw badRequest(`Conversation ${conversation.id} cannot be deleted because it is the default.`);
      }
      deleteConversationData(ctx, conversation);
      return { body: {} };
    }),
  );

  routes.post(
    `${CONVERSATION}/join`,
    appOperation(ctx, "JoinConversation", async (call) => {
      const conversation = pathConversation(call);
      const body = await call.body(participantJoinBodySchema);
      const participant = joinConversation(ctx, conversation, userRef(call, body));
      return { status: 201, body: { participant: participantView(ctx.state, participant) } };
    }),
  );

  routes.get(
    `${CONVERSATION}/participants`,
    appOperation(ctx, "ListParticipants", (call) => {
      const page = pageRequest(call.url);
      const conversation = pathConversation(call);
      const { items, meta, links } = paginate(participantsOf(ctx, conversation.id), page, call.url);
      return { body: { participants: items.map((p) => participantView(ctx.state, p)), meta, links } };
    }),
  );

  routes.post(
    `${CONVERSATION}/leave`,
    appOperation(ctx, "LeaveConversation", async (call) => {
      const conversation = pathConversation(call);
      const body = await call.body(participantLeaveBodySchema);
      const notMember = () => notFound("not_found", "User is not a member of the conversation");
      const participant = body.participantId
        ? participantsOf(ctx, conversation.id).find((p) => p.id === body.participantId)
        : participantOf(ctx, conversation.id, userRef(call, body).id);
      if (!participant) throw notMember();
      leaveConversation(ctx, conversation, participant);
      return { body: {} };
    }),
  );

  routes.post(
    `${CONVERSATION}/download`,
    appOperation(ctx, "DownloadMessageRef", async (call) => {
      pathConversation(call);
      const body = await call.body(downloadMessageRefBodySchema);
      requireUser(ctx, call.app.id, body.userId);
      if (!body.apple) throw badRequest("apple.interactiveDataRef is required: message refs exist only on Apple Messages for Business");
      if (!ctx.state.integrations.find((i) => i.appId === call.app.id && i.type === "apple")) {
        throw badRequest("This app has no Apple Messages for Business integration");
      }
      const ref = body.apple.interactiveDataRef;
      // The sandbox has no Apple servers behind it: it answers with the reference it was given.
      return { body: { interactiveData: { bid: ref.bid, url: ref.url, owner: ref.owner, data: {} } } };
    }),
  );

  routes.post(
    `${CONVERSATION}/conversionEvents`,
    appOperation(ctx, "PostConversionEvents", async (call) => {
      pathConversation(call);
      const body = await call.body(conversionEventsBodySchema);
      const channel = (["messenger", "instagram", "whatsapp"] as const).find((name) => body[name] !== undefined)!;
      const integration = ctx.state.integrations.find((i) => i.appId === call.app.id && i.type === channel);
      if (!integration) throw badRequest(`This app has no ${channel} integration`);
      return {
        body: { conversionEvents: { datasetId: `sandbox-${integration.id}`, eventsReceived: body[channel]!.payload.data.length } },
      };
    }),
  );

  return routes;
}

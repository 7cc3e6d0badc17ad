// Messages, Activities and the Switchboard Actions on a conversation.
import { Hono } from "hono";
import {
  acceptControlBodySchema,
  activityPostBodySchema,
  messagePostBodySchema,
  offerControlBodySchema,
  passControlBodySchema,
  releaseControlBodySchema,
} from "@/lib/sunco/schemas";
import type { SandboxContext } from "../context";
import { badRequest, notFound } from "../errors";
import { appOperation, type AppCall, type SandboxEnv } from "../operation";
import { pageRequest, paginate } from "../pagination";
import { businessActivity, userRead } from "../resources/activities";
import { participantOf, requireConversation } from "../resources/conversations";
import { deleteAllMessages, deleteMessage, messagesOf, postMessage, type NewMessage } from "../resources/messages";
import { API_SOURCE } from "../resources/sources";
import { acceptControl, offerControl, passControl, releaseControl } from "../resources/switchboard-control";
import { requireUser } from "../resources/users";
import { messageView } from "../serialize";
import type { ConversationRecord, UserRecord } from "../state";

/** ListMessages pages are always 100 messages long. */
const MESSAGES_PAGE_SIZE = 100;

export function messageRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>();
  const CONVERSATION = "/v2/apps/:appId/conversations/:conversationId";
  const pathConversation = (call: AppCall) => requireConversation(ctx, call.app.id, call.param("conversationId"));

  /** A user author must be a participant of the conversation. */
  const authorUser = (
    call: AppCall,
    conversation: ConversationRecord,
    author: { userId?: string; userExternalId?: string; brandId?: string | null },
  ): UserRecord => {
    const user = requireUser(ctx, call.app.id, (author.userId ?? author.userExternalId)!, author.brandId);
    if (!participantOf(ctx, conversation.id, user.id)) throw badRequest("The author is not a participant in this conversation");
    return user;
  };

  routes.post(
    `${CONVERSATION}/messages`,
    appOperation(ctx, "PostMessage", async (call) => {
      const conversation = pathConversation(call);
      const body = await call.body(messagePostBodySchema);
      const { author } = body;
      const message = postMessage(ctx, conversation, {
        author:
          author.type === "user"
            ? { type: "user", user: authorUser(call, conversation, author), displayName: author.displayName, avatarUrl: author.avatarUrl }
            : { type: "business", subtypes: author.subtypes, displayName: author.displayName, avatarUrl: author.avatarUrl },
        content: body.content as NewMessage["content"],
        source: API_SOURCE,
        metadata: body.metadata,
        destination: body.destination,
      });
      return { status: 201, body: { messages: [messageView(message)] } };
    }),
  );

  routes.get(
    `${CONVERSATION}/messages`,
    appOperation(ctx, "ListMessages", (call) => {
      const page = pageRequest(call.url, MESSAGES_PAGE_SIZE);
      const conversation = ctx.state.conversations.get(call.param("conversationId"));
      if (!conversation || conversation.appId !== call.app.id) throw notFound();
      const { items, meta, links } = paginate(messagesOf(ctx, conversation.id), page, call.url, "backward");
      return { body: { messages: items.map(messageView), meta, links } };
    }),
  );

  routes.delete(
    `${CONVERSATION}/messages`,
    appOperation(ctx, "DeleteAllMessages", (call) => {
      deleteAllMessages(ctx, pathConversation(call));
      return { body: {} };
    }),
  );

  routes.delete(
    `${CONVERSATION}/messages/:messageId`,
    appOperation(ctx, "DeleteMessage", (call) => {
      const conversation = pathConversation(call);
      const message = messagesOf(ctx, conversation.id).find((m) => m.id === call.param("messageId"));
      if (!message) throw notFound("not_found", "Message not found");
      deleteMessage(ctx, conversation, message);
      return { body: {} };
    }),
  );

  routes.post(
    `${CONVERSATION}/activity`,
    appOperation(ctx, "PostActivity", async (call) => {
      const conversation = pathConversation(call);
      const { author, type } = await call.body(activityPostBodySchema);
      if (author.type === "user") userRead(ctx, conversation, authorUser(call, conversation, author), API_SOURCE);
      else businessActivity(ctx, conversation, type);
      return { body: {} };
    }),
  );

  routes.post(
    `${CONVERSATION}/passControl`,
    appOperation(ctx, "PassControl", async (call) => {
      const conversation = pathConversation(call);
      const body = await call.body(passControlBodySchema);
      passControl(ctx, conversation, body.switchboardIntegration, body.metadata);
      return { body: {} };
    }),
  );

  routes.post(
    `${CONVERSATION}/offerControl`,
    appOperation(ctx, "OfferControl", async (call) => {
      const conversation = pathConversation(call);
      const body = await call.body(offerControlBodySchema);
      offerControl(ctx, conversation, body.switchboardIntegration, body.metadata);
      return { body: {} };
    }),
  );

  routes.post(
    `${CONVERSATION}/acceptControl`,
    appOperation(ctx, "AcceptControl", async (call) => {
      const conversation = pathConversation(call);
      const body = await call.body(acceptControlBodySchema, { emptyAs: {} });
      acceptControl(ctx, call.principal, conversation, body.metadata);
      return { body: {} };
    }),
  );

  routes.post(
    `${CONVERSATION}/releaseControl`,
    appOperation(ctx, "ReleaseControl", async (call) => {
      const conversation = pathConversation(call);
      const body = await call.body(releaseControlBodySchema, { emptyAs: {} });
      releaseControl(ctx, call.principal, conversation, body.metadata);
      return { body: {} };
    }),
  );

  return routes;
}

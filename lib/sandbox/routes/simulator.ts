// /_control endpoints behind the end-user simulator (and tests): end users, their conversations, what they do in
// them, and a live feed of what their device would show.
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { postContentSchema } from "@/lib/sunco/schemas";
import type { SandboxContext } from "../context";
import { appNotFound, badRequest, clientNotFound, conversationNotFound, userNotFound } from "../errors";
import { objectId } from "../ids";
import { readJson, readUploadForm, uploadTooLarge, type SandboxEnv } from "../operation";
import { ATTACHMENT_LIMIT_BYTES, isInlineMediaType, storeAttachment } from "../resources/attachments";
import { agentWorkspaceView } from "../resources/agent-workspace";
import { confirmClient } from "../resources/clients";
import { conversationsOf, participantsOf } from "../resources/conversations";
import { DEFAULT_AVATAR_URL, MESSAGE_LIMIT, messagesOf } from "../resources/messages";
import { conversationView, messageView, participantView, userView } from "../serialize";
import {
  arriveByReferral,
  createEndUser,
  markRead,
  openConversation,
  sendAsUser,
  setTyping,
  signIn,
  submitForm,
  tapButton,
} from "../simulator";
import type { Json, MessageRecord } from "../state";
import { parseRequest } from "../validation";

/** Keeps proxies from closing a quiet live feed. */
const KEEPALIVE_MS = 15_000;
const END_USER_CONTENT = new Set(["text", "image", "file", "location"]);

const endUserInput = z.object({
  givenName: z.string().min(1).max(128).optional(),
  surname: z.string().min(1).max(128).optional(),
  email: z.email().optional(),
  externalId: z.string().min(1).max(1024).optional(),
  zendeskId: z.string().regex(/^\d+$/, "must be a numeric Zendesk user id").optional(),
  locale: z.string().min(1).max(64).optional(),
});
const userIdInput = z.object({ userId: z.string().min(1) });

export function simulatorRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>().basePath("/_control");
  const body = async <S extends z.ZodType>(request: Request, schema: S) => parseRequest(schema, (await readJson(request)) ?? {});

  const appOf = (appId: string) => ctx.state.apps.get(appId) ?? throwError(appNotFound());
  const userOf = (appId: string, userId: string) => {
    const user = ctx.state.users.get(userId);
    return user && user.appId === appId ? user : throwError(userNotFound());
  };
  const conversationOf = (conversationId: string) => ctx.state.conversations.get(conversationId) ?? throwError(conversationNotFound());
  /** The conversation and the acting user, who must belong to its app. */
  const scene = (conversationId: string, userId: string) => {
    const conversation = conversationOf(conversationId);
    return { conversation, user: userOf(conversation.appId, userId), app: appOf(conversation.appId) };
  };
  const messageAnswer = (message: MessageRecord | undefined) => ({ message: message ? messageView(message) : null });

  routes.get("/apps/:appId/end-users", (c) => {
    const app = appOf(c.req.param("appId"));
    const users = ctx.state.users.where((u) => u.appId === app.id);
    return c.json({
      endUsers: users.map((user) => ({ ...userView(user), conversationIds: conversationsOf(ctx, user.id).map((conv) => conv.id) })),
    });
  });

  routes.post("/apps/:appId/end-users", async (c) => {
    const app = appOf(c.req.param("appId"));
    const user = createEndUser(ctx, app, await body(c.req.raw, endUserInput));
    return c.json({ user: userView(user) }, 201);
  });

  routes.post("/apps/:appId/end-users/:userId/conversations", async (c) => {
    const app = appOf(c.req.param("appId"));
    const input = await body(c.req.raw, z.object({ new: z.boolean().optional() }));
    const conversation = openConversation(ctx, app, userOf(app.id, c.req.param("userId")), input);
    return c.json({ conversation: conversationView(ctx.state, conversation) }, 201);
  });

  routes.post("/apps/:appId/end-users/:userId/sign-in", async (c) => {
    const app = appOf(c.req.param("appId"));
    const { externalId } = await body(c.req.raw, z.object({ externalId: z.string().min(1).max(1024) }));
    return c.json({ user: userView(signIn(ctx, userOf(app.id, c.req.param("userId")), externalId)) });
  });

  routes.get("/conversations/:conversationId", (c) => {
    const conversation = conversationOf(c.req.param("conversationId"));
    return c.json({
      conversation: conversationView(ctx.state, conversation),
      participants: participantsOf(ctx, conversation.id).map((p) => participantView(ctx.state, p)),
      messages: messagesOf(ctx, conversation.id).map(messageView),
    });
  });

  routes.post("/conversations/:conversationId/messages", async (c) => {
    const input = await body(c.req.raw, userIdInput.extend({ content: postContentSchema }));
    if (!END_USER_CONTENT.has(input.content.type)) throw badRequest(`End users send text, image, file or location, not ${input.content.type}`);
    const { conversation, user } = scene(c.req.param("conversationId"), input.userId);
    return c.json(messageAnswer(sendAsUser(ctx, conversation, user, input.content as Json & { type: string })), 201);
  });

  /** multipart/form-data: `userId`, the file in `source`, an optional `text`. Images go as image messages. */
  routes.post("/conversations/:conversationId/files", async (c) => {
    const form = await readUploadForm(c.req.raw, () => badRequest("Send multipart/form-data with userId and source"));
    const source = form.get("source");
    if (!(source instanceof Blob)) throw badRequest("source is required: the file to send");
    if (source.size > ATTACHMENT_LIMIT_BYTES) throw uploadTooLarge();
    const { conversation, user } = scene(c.req.param("conversationId"), String(form.get("userId") ?? ""));
    const attachment = storeAttachment(
      ctx,
      conversation.appId,
      { name: source instanceof File ? source.name : "file", type: source.type, bytes: new Uint8Array(await source.arrayBuffer()) },
      { conversationId: conversation.id, forMessage: true },
    );
    const text = form.get("text");
    const content = {
      // Only what the sandbox serves as an image is one (an SVG would not display): the rest is a file to download.
      type: isInlineMediaType(attachment.mediaType) ? "image" : "file",
      mediaUrl: `${c.env.publicUrl}${attachment.path}`,
      ...(typeof text === "string" && text ? { text } : {}),
    };
    return c.json(messageAnswer(sendAsUser(ctx, conversation, user, content)), 201);
  });

  routes.post("/conversations/:conversationId/buttons", async (c) => {
    const input = await body(c.req.raw, userIdInput.extend({ messageId: z.string().min(1), button: z.string().min(1) }));
    const { conversation, user, app } = scene(c.req.param("conversationId"), input.userId);
    return c.json(messageAnswer(tapButton(ctx, app, conversation, user, input.messageId, input.button)));
  });

  routes.post("/conversations/:conversationId/forms", async (c) => {
    const input = await body(c.req.raw, userIdInput.extend({ messageId: z.string().min(1), values: z.record(z.string(), z.string()) }));
    const { conversation, user } = scene(c.req.param("conversationId"), input.userId);
    return c.json(messageAnswer(submitForm(ctx, conversation, user, input.messageId, input.values)), 201);
  });

  routes.post("/conversations/:conversationId/typing", async (c) => {
    const input = await body(c.req.raw, userIdInput.extend({ typing: z.boolean() }));
    const { conversation, user } = scene(c.req.param("conversationId"), input.userId);
    setTyping(ctx, conversation, user, input.typing);
    return c.json({});
  });

  routes.post("/conversations/:conversationId/read", async (c) => {
    const input = await body(c.req.raw, userIdInput);
    const { conversation, user } = scene(c.req.param("conversationId"), input.userId);
    markRead(ctx, conversation, user);
    return c.json({});
  });

  routes.post("/conversations/:conversationId/referral", async (c) => {
    const input = await body(
      c.req.raw,
      userIdInput.extend({
        code: z.string().min(1),
        details: z.object({ source: z.string().optional(), type: z.string().optional(), adId: z.string().nullable().optional() }).optional(),
      }),
    );
    const { conversation, user } = scene(c.req.param("conversationId"), input.userId);
    arriveByReferral(ctx, conversation, user, input);
    return c.json({});
  });

  /** Test helper: appends `count` business messages at once, without webhooks (e.g. to reach the 30,000 cap). */
  routes.post("/conversations/:conversationId/fill", async (c) => {
    const conversation = conversationOf(c.req.param("conversationId"));
    const { count } = await body(c.req.raw, z.object({ count: z.number().int().min(1).max(MESSAGE_LIMIT) }));
    const existing = messagesOf(ctx, conversation.id);
    const received = ctx.clock.timestamp();
    const filler = Array.from({ length: count }, (_, index): MessageRecord => ({
      id: objectId(ctx.clock.now()),
      conversationId: conversation.id,
      received,
      author: { type: "business", avatarUrl: DEFAULT_AVATAR_URL },
      content: { type: "text", text: `Filler message ${existing.length + index + 1}` },
      source: { type: "api:conversations" },
    }));
    ctx.state.messages.set(conversation.id, existing.concat(filler));
    ctx.changed();
    return c.json({ messageCount: existing.length + count });
  });

  /** What an agent handed this conversation sees in the Agent Workspace (first_message_id honoured). */
  routes.get("/conversations/:conversationId/agent-workspace", (c) => {
    const view = agentWorkspaceView(ctx, conversationOf(c.req.param("conversationId")));
    return c.json({ ...view, messages: view.messages.map(messageView) });
  });

  routes.post("/clients/:clientId/confirm", (c) => {
    const client = ctx.state.clients.get(c.req.param("clientId")) ?? throwError(clientNotFound());
    if (client.status !== "pending") throw badRequest(`The client is ${client.status}, not pending`);
    confirmClient(ctx, client);
    return c.json({});
  });

  /** Server-sent events: what the end user's device shows as it happens (messages, typing, read receipts). */
  routes.get("/conversations/:conversationId/live", (c) => {
    const conversation = conversationOf(c.req.param("conversationId"));
    return streamSSE(c, async (stream) => {
      const unsubscribe = ctx.live.subscribe(conversation.id, (event) => {
        void stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
      });
      stream.onAbort(unsubscribe);
      await stream.writeSSE({ event: "ready", data: JSON.stringify({ conversationId: conversation.id }) });
      while (!stream.aborted && !stream.closed) await stream.sleep(KEEPALIVE_MS).then(() => stream.write(": keepalive\n\n"));
      unsubscribe();
    });
  });

  return routes;
}

function throwError(error: Error): never {
  throw error;
}

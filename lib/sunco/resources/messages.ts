// Messages: sending (never twice, even when SunCo's answer is lost), paging backwards through history, deleting.
import { randomUUID } from "node:crypto";
import { iteratePages } from "../pagination";
import type { Message, MessagePostBody } from "../schemas";
import type { CallOptions } from "../transport";
import { pageOf, type Invoke } from "./invoke";

/**
 * The message metadata key under which every send carries its client-side id. SunCo has no idempotency key, so
 * this is how a send whose answer was lost finds out whether its message exists; webhook consumers can use it to
 * match echoes of our own messages to what we sent.
 */
export const CLIENT_MESSAGE_ID_KEY = "sunbridgeClientMessageId";

export interface SendOptions extends CallOptions {
  /**
   * Identifies this message across attempts. Pass a stable id (e.g. the outbox row's) so that a send repeated after
   * a crash is recognised too; by default a fresh UUID, which protects this call's own retries.
   */
  clientMessageId?: string;
}

export function messagesApi(invoke: Invoke) {
  /** One page, newest by default; `before` pages back, `after` forward. Pages hold up to 100 messages. */
  const list = async (conversationId: string, page: { before?: string; after?: string } = {}, options?: CallOptions) => {
    const { messages, meta } = await invoke("ListMessages", {
      params: { conversationId },
      query: { "page[before]": page.before, "page[after]": page.after },
      options,
    });
    return pageOf(messages, meta);
  };

  /** The messages a lost send created, if it created any: they are among the newest. */
  const findSent = async (conversationId: string, clientMessageId: string, options?: CallOptions) => {
    const { items } = await list(conversationId, {}, { signal: options?.signal, timeoutMs: options?.timeoutMs });
    const sent = items.filter((message) => message.metadata?.[CLIENT_MESSAGE_ID_KEY] === clientMessageId);
    return sent.length > 0 ? { messages: sent } : undefined;
  };

  return {
    /**
     * Posts a message (any content type; business or user author) and returns what SunCo created: usually one
     * message, several for a template with leading text. After a failure that may have reached SunCo (timeout,
     * dropped connection, 5xx), it looks for the message before sending again, so a message is never duplicated.
     */
    async send(conversationId: string, body: MessagePostBody, options: SendOptions = {}): Promise<Message[]> {
      const { clientMessageId = randomUUID(), ...callOptions } = options;
      const tagged = { ...body, metadata: { ...body.metadata, [CLIENT_MESSAGE_ID_KEY]: clientMessageId } };
      const { messages } = await invoke("PostMessage", {
        params: { conversationId },
        body: tagged,
        recover: () => findSent(conversationId, clientMessageId, callOptions),
        options: callOptions,
      });
      return messages;
    },

    list,

    /** Every message, newest first, fetching older pages as the consumer advances. */
    iterate(conversationId: string, options?: CallOptions) {
      return iteratePages("ListMessages", "backward", (before) => list(conversationId, { before }, options));
    },

    /** Empties the conversation (the fix for SunCo's 30,000-message limit). */
    async deleteAll(conversationId: string, options?: CallOptions) {
      await invoke("DeleteAllMessages", { params: { conversationId }, options });
    },

    async delete(conversationId: string, messageId: string, options?: CallOptions) {
      await invoke("DeleteMessage", { params: { conversationId, messageId }, options });
    },
  };
}

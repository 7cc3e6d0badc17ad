// Conversations, their participants, activity (typing, read) and switchboard control actions.
import { iteratePages } from "../pagination";
import type { OperationBody } from "../schemas/operations";
import type { CallOptions } from "../transport";
import { pageOf, pageQuery, type Invoke, type IterateOptions, type PageRequest } from "./invoke";

/** ListConversations lists one user's conversations: name the user by exactly one of these. */
export type ConversationsOfUser = { userId: string; userExternalId?: never } | { userExternalId: string; userId?: never };

export function conversationsApi(invoke: Invoke) {
  const list = async (user: ConversationsOfUser, page?: PageRequest, options?: CallOptions) => {
    const { conversations, meta } = await invoke("ListConversations", {
      query: { "filter[userId]": user.userId, "filter[userExternalId]": user.userExternalId, ...pageQuery(page) },
      options,
    });
    return pageOf(conversations, meta);
  };

  return {
    async create(body: OperationBody<"CreateConversation">, options?: CallOptions) {
      const { conversation } = await invoke("CreateConversation", { body, options });
      return conversation;
    },

    list,

    iterate(user: ConversationsOfUser, { pageSize = 100, ...options }: IterateOptions = {}) {
      return iteratePages("ListConversations", "forward", (after) => list(user, { after, size: pageSize }, options));
    },

    async get(conversationId: string, options?: CallOptions) {
      const { conversation } = await invoke("GetConversation", { params: { conversationId }, options });
      return conversation;
    },

    async update(conversationId: string, body: OperationBody<"UpdateConversation">, options?: CallOptions) {
      const { conversation } = await invoke("UpdateConversation", { params: { conversationId }, body, options });
      return conversation;
    },

    /** Deletes its messages and attachments too. A user's default conversation cannot be deleted. */
    async delete(conversationId: string, options?: CallOptions) {
      await invoke("DeleteConversation", { params: { conversationId }, options });
    },

    /** The data behind an Apple Messages for Business interactive-data reference. */
    downloadMessageRef(conversationId: string, body: OperationBody<"DownloadMessageRef">, options?: CallOptions) {
      return invoke("DownloadMessageRef", { params: { conversationId }, body, idempotent: true, options });
    },

    /** Meta Conversions API events for the conversation's Messenger, Instagram or WhatsApp channel. */
    async postConversionEvents(
      conversationId: string,
      body: OperationBody<"PostConversionEvents">,
      options?: CallOptions,
    ) {
      const { conversionEvents } = await invoke("PostConversionEvents", { params: { conversationId }, body, options });
      return conversionEvents;
    },
  };
}

export function participantsApi(invoke: Invoke) {
  const list = async (conversationId: string, page?: PageRequest, options?: CallOptions) => {
    const { participants, meta } = await invoke("ListParticipants", {
      params: { conversationId },
      query: pageQuery(page),
      options,
    });
    return pageOf(participants, meta);
  };

  return {
    /** sdkGroup conversations only. */
    async join(conversationId: string, body: OperationBody<"JoinConversation">, options?: CallOptions) {
      const { participant } = await invoke("JoinConversation", { params: { conversationId }, body, options });
      return participant;
    },

    list,

    iterate(conversationId: string, { pageSize = 100, ...options }: IterateOptions = {}) {
      return iteratePages("ListParticipants", "forward", (after) => list(conversationId, { after, size: pageSize }, options));
    },

    async leave(conversationId: string, body: OperationBody<"LeaveConversation">, options?: CallOptions) {
      await invoke("LeaveConversation", { params: { conversationId }, body, options });
    },
  };
}

export function activitiesApi(invoke: Invoke) {
  return {
    /** Typing indicators and read receipts; a user author may only mark the conversation read. */
    async post(conversationId: string, body: OperationBody<"PostActivity">, options?: CallOptions) {
      await invoke("PostActivity", {
        params: { conversationId },
        body,
        // A repeated typing indicator or read mark changes nothing.
        idempotent: true,
        options,
      });
    },
  };
}

export function switchboardActionsApi(invoke: Invoke) {
  return {
    /** Makes the named switchboard integration (id, name, integrationType or "next") active. */
    async passControl(conversationId: string, body: OperationBody<"PassControl">, options?: CallOptions) {
      await invoke("PassControl", { params: { conversationId }, body, options });
    },

    /** Makes it pending until it accepts; the current one keeps control meanwhile. */
    async offerControl(conversationId: string, body: OperationBody<"OfferControl">, options?: CallOptions) {
      await invoke("OfferControl", { params: { conversationId }, body, options });
    },

    async acceptControl(conversationId: string, body: OperationBody<"AcceptControl"> = {}, options?: CallOptions) {
      await invoke("AcceptControl", { params: { conversationId }, body, options });
    },

    async releaseControl(conversationId: string, body: OperationBody<"ReleaseControl"> = {}, options?: CallOptions) {
      await invoke("ReleaseControl", { params: { conversationId }, body, options });
    },
  };
}

// What end users would see on their device, pushed to whoever watches a conversation (the simulator page).
import type { Json } from "./state";

export type LiveEvent =
  | { type: "message"; message: Json }
  | { type: "message:updated"; message: Json }
  | { type: "message:deleted"; messageId: string }
  | { type: "messages:cleared" }
  | { type: "typing"; author: "business" | "user"; typing: boolean; userId?: string }
  | { type: "read"; author: "business" | "user"; at: string; userId?: string }
  | { type: "conversation:updated" }
  | { type: "conversation:removed" };

type Listener = (event: LiveEvent) => void;

export interface LiveFeed {
  publish(conversationId: string, event: LiveEvent): void;
  /** Returns the function that stops listening. */
  subscribe(conversationId: string, listener: Listener): () => void;
  watchers(conversationId: string): number;
}

export function createLiveFeed(): LiveFeed {
  const listeners = new Map<string, Set<Listener>>();
  return {
    publish(conversationId, event) {
      for (const listener of listeners.get(conversationId) ?? []) listener(event);
    },
    subscribe(conversationId, listener) {
      const set = listeners.get(conversationId) ?? new Set();
      set.add(listener);
      listeners.set(conversationId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(conversationId);
      };
    },
    watchers: (conversationId) => listeners.get(conversationId)?.size ?? 0,
  };
}

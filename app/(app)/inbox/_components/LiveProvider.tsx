"use client";
// One Server-Sent Events stream per inbox page (it stays open while the agent moves between conversations), handed
// out to the components that follow it. Recent events are kept for a moment so that a component mounting after a
// navigation catches up from the point its server-rendered data was read, without a gap.
import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { ConversationLiveEventData, ConversationLiveEventType } from "@/lib/conversations";
import { NOTIFICATION_EVENTS, useNotificationSink } from "../../_components/NotificationCenter";

const EVENT_TYPES: ConversationLiveEventType[] = [
  "conversation.updated",
  "message.created",
  "message.updated",
  "message.delivery",
  "note.created",
  "conversation.activity",
  "typing",
  "user.updated",
];
/** Enough for the events of a navigation's round trip. */
const KEPT_EVENTS = 300;

interface Received {
  id: bigint;
  type: ConversationLiveEventType;
  data: unknown;
}

type Handler = (event: Received) => void;

class LiveBus {
  private readonly recent: Received[] = [];
  private readonly handlers = new Set<Handler>();

  emit(event: Received) {
    this.recent.push(event);
    if (this.recent.length > KEPT_EVENTS) this.recent.shift();
    for (const handler of this.handlers) handler(event);
  }

  /** Replays kept events after `since` first, then follows. */
  subscribe(handler: Handler, since: bigint | null) {
    if (since !== null) for (const event of this.recent) if (event.id > since) handler(event);
    this.handlers.add(handler);
    return () => {
      this.handlers.delete(handler);
    };
  }
}

const LiveContext = createContext<{ bus: LiveBus; connected: boolean } | null>(null);

export function LiveProvider({ lastEventId, children }: { lastEventId: string; children: ReactNode }) {
  const bus = useMemo(() => new LiveBus(), []);
  const [connected, setConnected] = useState(false);
  const router = useRouter();
  // Where the first page load's data stands; the stream itself resumes with Last-Event-ID after that.
  const since = useRef(lastEventId);
  // The member's notifications come on this stream too: the app's notification center needs no stream of its own.
  const notifications = useNotificationSink();

  useEffect(() => {
    const source = new EventSource(`/api/live?lastEventId=${encodeURIComponent(since.current)}`);
    const detach = notifications?.attach();
    for (const type of NOTIFICATION_EVENTS) {
      source.addEventListener(type, (event) => notifications?.receive(type, JSON.parse((event as MessageEvent<string>).data)));
    }
    source.addEventListener("open", () => setConnected(true));
    source.addEventListener("error", () => setConnected(false));
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (event) => {
        const message = event as MessageEvent<string>;
        bus.emit({ id: BigInt(message.lastEventId || "0"), type, data: JSON.parse(message.data) });
      });
    }
    // What the page missed is gone: its data must be read again.
    source.addEventListener("reset", () => router.refresh());
    // Signed out or removed meanwhile: stop reconnecting, and let the server say where to go now.
    source.addEventListener("access-ended", () => {
      source.close();
      setConnected(false);
      router.refresh();
    });
    return () => {
      source.close();
      detach?.();
    };
  }, [bus, router, notifications]);

  return <LiveContext.Provider value={{ bus, connected }}>{children}</LiveContext.Provider>;
}

/** Whether the stream is open (for a "reconnecting" hint). */
export function useLiveConnected() {
  return useContext(LiveContext)?.connected ?? false;
}

/**
 * Calls `handler` for each live event of `type`; with `since` (the id the component's data was read at), first for
 * the kept events after it. The latest handler is always the one called.
 */
export function useLiveEvent<T extends ConversationLiveEventType>(type: T, handler: (data: ConversationLiveEventData<T>) => void, since?: string) {
  const context = useContext(LiveContext);
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!context) return;
    return context.bus.subscribe(
      (event) => {
        if (event.type === type) latest.current(event.data as ConversationLiveEventData<T>);
      },
      since === undefined ? null : BigInt(since),
    );
  }, [context, type, since]);
}

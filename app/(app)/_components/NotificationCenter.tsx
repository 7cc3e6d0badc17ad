"use client";
// The member's notifications on every page of the app: the unread count in the tab's title and on its icon, a sound,
// and a browser notification (the Notification API) while the tab is in the background. Notifications arrive over
// the live stream: the inbox's own when an inbox page is open (it hands them over, see LiveProvider), otherwise a
// stream of this component's, so that a tab never holds two. Opening a conversation marks its notifications read.
import { usePathname, useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { NotificationLiveData, NotificationsReadData } from "@/lib/notifications";
import { markNotificationsReadAction } from "../actions";

export const NOTIFICATION_EVENTS = ["notification.created", "notification.read"] as const;
type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

interface Sink {
  /** A page's live stream carries the notifications from now on; call what it returns when it closes. */
  attach(): () => void;
  receive(type: NotificationEvent, data: unknown): void;
}

const SinkContext = createContext<Sink | null>(null);

/** For a live stream that already runs in the page: where its notification events go. */
export function useNotificationSink(): Sink | null {
  return useContext(SinkContext);
}

interface Props {
  unread: number;
  /** Conversations with unread notifications (of the newest ones). */
  unreadConversations: string[];
  preferences: { browser: boolean; sound: boolean };
  children: ReactNode;
}

const CONVERSATION_PATH = /^\/inbox\/([0-9a-f-]{36})(?:\/|$)/;
const TITLE_COUNT = /^\(\d+\+?\) /;

const shownCount = (count: number) => (count > 99 ? "99+" : String(count));

/** The app's icon (public/favicon.svg) with the count on a red badge, as a data URL. */
function badgedIcon(count: number): string | null {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 64;
  const context = canvas.getContext("2d");
  if (!context) return null;
  const gradient = context.createLinearGradient(0, 0, 64, 64);
  gradient.addColorStop(0, "#f5a623");
  gradient.addColorStop(1, "#1f5fd6");
  context.fillStyle = gradient;
  context.beginPath();
  context.roundRect(0, 0, 64, 64, 16);
  context.fill();
  context.strokeStyle = "#fff";
  context.lineWidth = 6;
  context.lineCap = "round";
  context.beginPath();
  context.arc(32, 40, 20, Math.PI, 0);
  context.stroke();
  context.fillStyle = "#d93025";
  context.beginPath();
  context.arc(44, 20, 20, 0, 2 * Math.PI);
  context.fill();
  context.fillStyle = "#fff";
  context.font = `bold ${count > 9 ? 22 : 28}px system-ui, sans-serif`;
  context.textAlign = "center";
  context.textBaseline = "middle";
  context.fillText(count > 9 ? "9+" : String(count), 44, 21);
  return canvas.toDataURL("image/png");
}

/** Keeps the count in the title and the badge on the icon, also when a navigation puts the page's own back. */
function useTabBadge(count: number) {
  const icon = useMemo(() => (count > 0 && typeof document !== "undefined" ? badgedIcon(count) : null), [count]);
  useEffect(() => {
    const apply = () => {
      const base = document.title.replace(TITLE_COUNT, "");
      const title = count > 0 ? `(${shownCount(count)}) ${base}` : base;
      if (document.title !== title) document.title = title;
      for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')) {
        link.dataset.plainHref ??= link.getAttribute("href") ?? "";
        const href = icon ?? link.dataset.plainHref;
        if (link.getAttribute("href") !== href) link.setAttribute("href", href);
      }
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["href"] });
    return () => observer.disconnect();
  }, [count, icon]);
}

export function NotificationCenter({ unread: initialUnread, unreadConversations, preferences, children }: Props) {
  const [count, setCount] = useState(initialUnread);
  const unread = useRef(new Set(unreadConversations));
  const settings = useRef(preferences);
  const router = useRouter();
  const pathname = usePathname();
  // Streams of inbox pages carrying notifications; a ref, since theirs attach in effects that run before this one's.
  const attached = useRef(0);
  const [attachedStreams, setAttachedStreams] = useState(0);
  useEffect(() => {
    settings.current = preferences;
  }, [preferences]);

  const markRead = useCallback((conversationId: string) => {
    if (!unread.current.delete(conversationId)) return;
    void markNotificationsReadAction(conversationId).then((result) => result?.ok && setCount(result.data.unread));
  }, []);

  const receive = useCallback(
    (type: NotificationEvent, data: unknown) => {
      if (type === "notification.read") {
        const read = data as NotificationsReadData;
        unread.current.delete(read.conversationId);
        setCount(read.unread);
        return;
      }
      const { notification, unread: total } = data as NotificationLiveData;
      setCount(total);
      unread.current.add(notification.conversationId);
      const looking = document.visibilityState === "visible" && CONVERSATION_PATH.exec(window.location.pathname)?.[1] === notification.conversationId;
      if (looking) return markRead(notification.conversationId);
      if (settings.current.sound) void new Audio("/sounds/notification.wav").play().catch(() => {});
      const inBackground = document.visibilityState !== "visible" || !document.hasFocus();
      if (settings.current.browser && inBackground && "Notification" in window && Notification.permission === "granted") {
        const shown = new Notification(notification.title, { body: notification.body, tag: `conversation-${notification.conversationId}`, icon: "/favicon.svg" });
        shown.onclick = () => {
          window.focus();
          router.push(`/inbox/${notification.conversationId}`);
          shown.close();
        };
      }
    },
    [markRead, router],
  );

  const sink = useMemo<Sink>(
    () => ({
      attach() {
        attached.current += 1;
        setAttachedStreams(attached.current);
        return () => {
          attached.current -= 1;
          setAttachedStreams(attached.current);
        };
      },
      receive,
    }),
    [receive],
  );

  // No inbox stream in this page: one of our own, for notifications only.
  useEffect(() => {
    if (attached.current > 0) return;
    const source = new EventSource("/api/live");
    for (const type of NOTIFICATION_EVENTS) source.addEventListener(type, (event) => receive(type, JSON.parse((event as MessageEvent<string>).data)));
    source.addEventListener("access-ended", () => source.close());
    return () => source.close();
  }, [attachedStreams, receive]);

  // Opening a conversation (or coming back to the tab showing it) reads its notifications.
  useEffect(() => {
    const readOpen = () => {
      const open = CONVERSATION_PATH.exec(window.location.pathname)?.[1];
      if (open && document.visibilityState === "visible") markRead(open);
    };
    readOpen();
    document.addEventListener("visibilitychange", readOpen);
    return () => document.removeEventListener("visibilitychange", readOpen);
  }, [pathname, markRead]);

  useTabBadge(count);

  return <SinkContext.Provider value={sink}>{children}</SinkContext.Provider>;
}

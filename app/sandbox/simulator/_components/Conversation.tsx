"use client";
// One conversation as the end user's Web Messenger shows it: live messages, the business typing, read receipts,
// and a composer that sends text, files and a location. Stable accessible names: region "Web Messenger", log
// "Messages" (articles named "You" or the business author), status (typing), textbox "Message", buttons "Send" and
// "Share location", file input "Attach a file", and "Seen" under the user's last message once the business read it.
import { useCallback, useEffect, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import styles from "../../_components/sandbox.module.css";
import { control, endUserName, type EndUser, type Message } from "./control";
import { MessageView } from "./MessageView";

/** How long after the last keystroke the end user stops typing. */
const TYPING_PAUSE_MS = 1500;
/** Where "Share location" puts the end user. */
const SANDBOX_LOCATION = { coordinates: { lat: 45.5261583, long: -73.595346 }, location: { name: "Sandbox HQ", address: "5333 avenue Casgrain, Montréal" } };

interface Props {
  controlPath: string;
  conversationId: string;
  user: EndUser;
  onError: (message: string | null) => void;
}

export function Conversation({ controlPath, conversationId, user, onError }: Props) {
  const base = `${controlPath}/conversations/${conversationId}`;
  const [messages, setMessages] = useState<Message[]>([]);
  const [businessTyping, setBusinessTyping] = useState(false);
  const [businessLastRead, setBusinessLastRead] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const typing = useRef(false);
  const log = useRef<HTMLDivElement>(null);

  const act = useCallback(
    async (task: () => Promise<unknown>) => {
      onError(null);
      try {
        await task();
      } catch (failure) {
        onError((failure as Error).message);
      }
    },
    [onError],
  );

  const markRead = useCallback(() => act(() => control(`${base}/read`, { json: { userId: user.id } })), [act, base, user.id]);

  const addMessage = useCallback(
    (message: Message) => setMessages((current) => (current.some((m) => m.id === message.id) ? current : [...current, message])),
    [],
  );

  useEffect(() => {
    let closed = false;
    const load = () =>
      act(async () => {
        const loaded = await control<{ messages: Message[]; conversation: { businessLastRead?: string } }>(base);
        if (closed) return;
        setMessages(loaded.messages);
        setBusinessLastRead(loaded.conversation.businessLastRead ?? null);
        if (loaded.messages.at(-1)?.author.type === "business") void markRead();
      });
    void load();
    const feed = new EventSource(`${base}/live`);
    // Whatever happened between the first load and the feed opening (or while it reconnected) is fetched again.
    feed.addEventListener("open", () => void load());
    feed.addEventListener("message", (event) => {
      const { message } = JSON.parse(event.data) as { message: Message };
      addMessage(message);
      if (message.author.type === "business") {
        setBusinessTyping(false);
        void markRead();
      }
    });
    feed.addEventListener("typing", (event) => {
      const { author, typing: on } = JSON.parse(event.data) as { author: string; typing: boolean };
      if (author === "business") setBusinessTyping(on);
    });
    feed.addEventListener("read", (event) => {
      const { author, at } = JSON.parse(event.data) as { author: string; at: string };
      if (author === "business") setBusinessLastRead(at);
    });
    feed.addEventListener("message:updated", (event) => {
      const { message } = JSON.parse(event.data) as { message: Message };
      setMessages((current) => current.map((m) => (m.id === message.id ? message : m)));
    });
    feed.addEventListener("message:deleted", (event) => {
      const { messageId } = JSON.parse(event.data) as { messageId: string };
      setMessages((current) => current.filter((m) => m.id !== messageId));
    });
    feed.addEventListener("messages:cleared", () => setMessages([]));
    feed.addEventListener("conversation:removed", () => onError("This conversation was deleted."));
    return () => {
      closed = true;
      feed.close();
    };
  }, [act, addMessage, base, markRead, onError]);

  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [messages, businessTyping]);

  const setTyping = (on: boolean) => {
    if (typing.current === on) return;
    typing.current = on;
    void act(() => control(`${base}/typing`, { json: { userId: user.id, typing: on } }));
  };

  const onDraftChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    setDraft(event.target.value);
    setTyping(event.target.value !== "");
    clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => setTyping(false), TYPING_PAUSE_MS);
  };

  /** Posts an end-user action; the message it creates shows at once from the answer, not only via the feed. */
  const post = (path: string, init: Parameters<typeof control>[1]) =>
    act(async () => {
      const created = await control<{ message?: Message | null }>(`${base}/${path}`, init);
      if (created.message) addMessage(created.message);
    });
  const send = (content: Record<string, unknown>) => post("messages", { json: { userId: user.id, content } });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    clearTimeout(typingTimer.current);
    setTyping(false);
    setDraft("");
    void send({ type: "text", text });
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    const form = new FormData();
    form.set("userId", user.id);
    form.set("source", file);
    void post("files", { form });
  };

  const lastUserMessage = messages.findLast((m) => m.author.type === "user");
  const seen = lastUserMessage && businessLastRead !== null && businessLastRead >= lastUserMessage.received;

  return (
    <section className={`card ${styles.messenger}`} aria-label="Web Messenger">
      <div className={styles.messengerHeader}>
        <strong>{endUserName(user)}</strong>
        <span className={styles.muted}>Conversation {conversationId.slice(-6)}</span>
      </div>
      <div ref={log} className={styles.log} role="log" aria-label="Messages" aria-live="polite">
        {messages.length === 0 && <p className={styles.muted}>No messages yet. Say hello!</p>}
        {messages.map((message) => (
          <MessageView
            key={message.id}
            message={message}
            onButton={(button) => void post("buttons", { json: { userId: user.id, messageId: message.id, button } })}
            onForm={(values) => void post("forms", { json: { userId: user.id, messageId: message.id, values } })}
            onShareLocation={() => void send({ type: "location", ...SANDBOX_LOCATION })}
          />
        ))}
        {seen && <span className={styles.receipt}>Seen</span>}
      </div>
      <div className={styles.typing} role="status">
        {businessTyping ? "Business is typing…" : ""}
      </div>
      <form className={styles.composer} onSubmit={onSubmit}>
        <label htmlFor="simulator-message" className="visually-hidden">
          Message
        </label>
        <textarea
          id="simulator-message"
          rows={1}
          value={draft}
          onChange={onDraftChange}
          placeholder="Type a message"
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <button type="submit" className="button">
          Send
        </button>
      </form>
      <div className={styles.tools}>
        <label className="button secondary small">
          Attach a file
          <input type="file" className="visually-hidden" onChange={onFile} aria-label="Attach a file" />
        </label>
        <button type="button" className="button secondary small" onClick={() => void send({ type: "location", ...SANDBOX_LOCATION })}>
          Share location
        </button>
      </div>
    </section>
  );
}

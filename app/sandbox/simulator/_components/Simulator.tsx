"use client";
// The simulator's frame: pick an app and an end user (or create one), open one of their conversations.
// Accessible names are stable for end-to-end tests: selects "App", "End user", "Conversation"; "New end user" with
// "First name", "Last name", "Email" and "Create end user"; then the Web Messenger region (see Conversation).
import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { SimulatorApp } from "@/lib/sandbox/pages";
import styles from "../../_components/sandbox.module.css";
import { control, endUserName, type EndUser } from "./control";
import { Conversation } from "./Conversation";

export function Simulator({ apps, controlPath }: { apps: SimulatorApp[]; controlPath: string }) {
  const [appId, setAppId] = useState(apps[0]?.id ?? "");
  const [endUsers, setEndUsers] = useState<EndUser[]>([]);
  const [userId, setUserId] = useState("");
  const [conversationId, setConversationId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const app = apps.find((a) => a.id === appId);
  const user = endUsers.find((u) => u.id === userId);

  const run = useCallback(async (task: () => Promise<void>) => {
    setError(null);
    try {
      await task();
    } catch (failure) {
      setError((failure as Error).message);
    }
  }, []);

  /** Shows the app's end users, selecting the given one (or the newest) and conversation (or their latest). */
  const showEndUsers = useCallback((loaded: EndUser[], selectUser?: string, selectConversation?: string) => {
    setEndUsers(loaded);
    const chosen = loaded.find((u) => u.id === selectUser) ?? loaded.at(-1);
    setUserId(chosen?.id ?? "");
    setConversationId(selectConversation ?? chosen?.conversationIds.at(-1) ?? "");
  }, []);

  const fetchEndUsers = useCallback(
    async () => (await control<{ endUsers: EndUser[] }>(`${controlPath}/apps/${appId}/end-users`)).endUsers,
    [appId, controlPath],
  );

  const loadEndUsers = (selectUser: string, selectConversation: string) =>
    fetchEndUsers().then((loaded) => showEndUsers(loaded, selectUser, selectConversation));

  useEffect(() => {
    let cancelled = false;
    fetchEndUsers().then(
      (loaded) => !cancelled && showEndUsers(loaded),
      (failure: Error) => !cancelled && setError(failure.message),
    );
    return () => {
      cancelled = true;
    };
  }, [fetchEndUsers, showEndUsers]);

  const createEndUser = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = Object.fromEntries([...new FormData(form)].filter(([, value]) => value !== ""));
    void run(async () => {
      const created = await control<{ user: { id: string } }>(`${controlPath}/apps/${appId}/end-users`, { json: values });
      const opened = await control<{ conversation: { id: string } }>(`${controlPath}/apps/${appId}/end-users/${created.user.id}/conversations`, { json: {} });
      form.reset();
      await loadEndUsers(created.user.id, opened.conversation.id);
    });
  };

  const openConversation = (fresh: boolean) =>
    run(async () => {
      const opened = await control<{ conversation: { id: string } }>(`${controlPath}/apps/${appId}/end-users/${userId}/conversations`, {
        json: { new: fresh },
      });
      await loadEndUsers(userId, opened.conversation.id);
    });

  return (
    <div className={styles.simulator}>
      <section className={`card ${styles.panel}`} aria-label="Simulator settings">
        <div className="field">
          <label htmlFor="simulator-app">App</label>
          <select id="simulator-app" value={appId} onChange={(event) => setAppId(event.target.value)}>
            {apps.map((a) => (
              <option key={a.id} value={a.id}>
                {a.displayName} ({a.subdomain})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="simulator-user">End user</label>
          <select
            id="simulator-user"
            value={userId}
            onChange={(event) => {
              setUserId(event.target.value);
              setConversationId(endUsers.find((u) => u.id === event.target.value)?.conversationIds.at(-1) ?? "");
            }}
          >
            {endUsers.length === 0 && <option value="">No end users yet</option>}
            {endUsers.map((u) => (
              <option key={u.id} value={u.id}>
                {endUserName(u)}
              </option>
            ))}
          </select>
        </div>
        {user && (
          <div className="field">
            <label htmlFor="simulator-conversation">Conversation</label>
            <select id="simulator-conversation" value={conversationId} onChange={(event) => setConversationId(event.target.value)}>
              {user.conversationIds.length === 0 && <option value="">No conversation yet</option>}
              {user.conversationIds.map((id, index) => (
                <option key={id} value={id}>
                  Conversation {index + 1}
                </option>
              ))}
            </select>
            <div className={styles.actions}>
              {user.conversationIds.length === 0 && (
                <button type="button" className="button small" onClick={() => void openConversation(false)}>
                  Open conversation
                </button>
              )}
              {app?.multiConvoEnabled && user.conversationIds.length > 0 && (
                <button type="button" className="button secondary small" onClick={() => void openConversation(true)}>
                  New conversation
                </button>
              )}
            </div>
          </div>
        )}
        <details>
          <summary>New end user</summary>
          <form onSubmit={createEndUser}>
            <div className="field">
              <label htmlFor="new-given-name">First name</label>
              <input id="new-given-name" name="givenName" type="text" autoComplete="off" />
            </div>
            <div className="field">
              <label htmlFor="new-surname">Last name</label>
              <input id="new-surname" name="surname" type="text" autoComplete="off" />
            </div>
            <div className="field">
              <label htmlFor="new-email">Email</label>
              <input id="new-email" name="email" type="email" autoComplete="off" />
            </div>
            <button type="submit" className="button">
              Create end user
            </button>
          </form>
        </details>
        {error && (
          <p className="alert error" role="alert">
            {error}
          </p>
        )}
      </section>
      {user && conversationId ? (
        <Conversation key={conversationId} controlPath={controlPath} conversationId={conversationId} user={user} onError={setError} />
      ) : (
        <section className="card">
          <p className="muted">Create an end user, or pick one, to open their conversation.</p>
        </section>
      )}
    </div>
  );
}

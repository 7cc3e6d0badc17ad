import type { Metadata } from "next";
import Link from "next/link";
import { agentWorkspaceConversation, agentWorkspaceInbox, mountedSandbox, type AgentWorkspaceView } from "@/lib/sandbox";
import { renderTemplate } from "@/lib/sandbox/whatsapp-templates";
import styles from "../_components/sandbox.module.css";
import { AutoRefresh } from "../_components/AutoRefresh";
import { requireSandboxAccess } from "../_components/require-sandbox-access";

export const metadata: Metadata = { title: "Agent Workspace" };
export const dynamic = "force-dynamic";

const HISTORY: Record<AgentWorkspaceView["history"], string> = {
  fromFirstMessage: "The whole conversation from the message first_message_id named.",
  recent: "No usable first_message_id: only the most recent messages before the handoff, and those since.",
  none: "This conversation was never handed to the Agent Workspace.",
};

type Message = AgentWorkspaceView["messages"][number];

function messageText({ content }: Message): string {
  if (content.type === "template") return renderTemplate(content.template as Record<string, unknown>).body;
  return typeof content.text === "string" && content.text ? content.text : `[${content.type}]`;
}

export default async function AgentWorkspacePage({ searchParams }: { searchParams: Promise<{ conversationId?: string }> }) {
  await requireSandboxAccess();
  const { conversationId } = await searchParams;
  const sandbox = mountedSandbox();
  const handoffs = agentWorkspaceInbox(sandbox);
  const view = conversationId ? agentWorkspaceConversation(sandbox, conversationId) : undefined;
  return (
    <>
      <h1>Agent Workspace</h1>
      <p className="muted">
        What a Zendesk agent sees of each conversation whose control passed to the Agent Workspace (
        <code>zd:agentWorkspace</code>): from <code>metadata.first_message_id</code> on, or only the last few messages
        without it. Also at <code>/sandbox/sc/_control/conversations/&lt;id&gt;/agent-workspace</code>.
      </p>
      <AutoRefresh seconds={2} />
      <div className="card">
        {handoffs.length === 0 ? (
          <p className="muted">No handoffs yet. Pass control of a conversation to the Agent Workspace.</p>
        ) : (
          <ul aria-label="Handed-off conversations">
            {handoffs.map((handoff) => (
              <li key={handoff.conversationId}>
                <Link href={`/sandbox/agent-workspace?conversationId=${handoff.conversationId}`} aria-current={handoff.conversationId === conversationId ? "page" : undefined}>
                  {handoff.appName} · <span className={styles.mono}>{handoff.conversationId}</span>
                </Link>{" "}
                <span className={styles.muted}>
                  at {handoff.at.replace("T", " ").slice(0, 19)}
                  {handoff.firstMessageId ? ` · first_message_id ${handoff.firstMessageId}` : " · no first_message_id"}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {conversationId && !view && <p role="alert">No conversation {conversationId} in the sandbox.</p>}
      {view && (
        <section className="card" aria-label="What the agent sees">
          <h2>What the agent sees</h2>
          <p className="muted">{HISTORY[view.history]}</p>
          {view.handoff && Object.keys(view.handoff.metadata).length > 0 && (
            <dl aria-label="Handoff metadata">
              {Object.entries(view.handoff.metadata).map(([key, value]) => (
                <div key={key}>
                  <dt className={styles.mono}>{key}</dt>
                  <dd>{String(value)}</dd>
                </div>
              ))}
            </dl>
          )}
          <ol aria-label="Messages">
            {view.messages.map((message) => (
              <li key={message.id} data-message-id={message.id}>
                <strong>{message.author.type === "user" ? (message.author.displayName ?? "End user") : (message.author.displayName ?? "Business")}</strong>{" "}
                <span className={styles.muted}>{message.received.replace("T", " ").slice(0, 19)}</span>
                <div className={styles.text}>{messageText(message)}</div>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

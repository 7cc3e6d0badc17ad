// The Zendesk Agent Workspace's side of a handoff: when control passes to it, it shows the agent the conversation
// from `metadata.first_message_id` on, or only the most recent messages when that is missing or unknown.
import type { SandboxContext } from "../context";
import type { ConversationRecord, MessageRecord, Metadata } from "../state";
import { messagesOf } from "./messages";

export const AGENT_WORKSPACE_TYPE = "zd:agentWorkspace";
/** What the Agent Workspace shows of a conversation handed off without a usable first_message_id. */
export const RECENT_HISTORY_SIZE = 10;

/** Called whenever a switchboard integration gets control; remembers the handoff when it is the Agent Workspace. */
export function noteControlChange(ctx: SandboxContext, conversation: ConversationRecord, metadata: Metadata | null | undefined): void {
  const active = ctx.state.switchboardIntegrations.get(conversation.activeSwitchboardIntegrationId);
  if (active?.integrationType !== AGENT_WORKSPACE_TYPE) return;
  conversation.agentWorkspaceHandoff = { at: ctx.clock.timestamp(), switchboardIntegrationId: active.id, metadata: metadata ?? {} };
}

export interface AgentWorkspaceView {
  conversationId: string;
  appId: string;
  handoff: ConversationRecord["agentWorkspaceHandoff"] | null;
  /** `fromFirstMessage`: first_message_id named a message of this conversation; `recent`: it did not. */
  history: "fromFirstMessage" | "recent" | "none";
  messages: MessageRecord[];
}

/** What an agent handed this conversation sees in the Agent Workspace now. */
export function agentWorkspaceView(ctx: SandboxContext, conversation: ConversationRecord): AgentWorkspaceView {
  const base = { conversationId: conversation.id, appId: conversation.appId };
  const handoff = conversation.agentWorkspaceHandoff;
  if (!handoff) return { ...base, handoff: null, history: "none", messages: [] };
  const messages = messagesOf(ctx, conversation.id).filter((m) => !m.deleted);
  const firstMessageId = handoff.metadata.first_message_id;
  const first = typeof firstMessageId === "string" ? messages.findIndex((m) => m.id === firstMessageId) : -1;
  if (first >= 0) return { ...base, handoff, history: "fromFirstMessage", messages: messages.slice(first) };
  const before = messages.filter((m) => m.received <= handoff.at);
  const after = messages.slice(before.length);
  return { ...base, handoff, history: "recent", messages: [...before.slice(-RECENT_HISTORY_SIZE), ...after] };
}

/** Conversations handed to the Agent Workspace, latest handoff first. */
export function agentWorkspaceHandoffs(ctx: SandboxContext): ConversationRecord[] {
  return ctx.state.conversations
    .where((c) => c.agentWorkspaceHandoff !== undefined)
    .sort((a, b) => b.agentWorkspaceHandoff!.at.localeCompare(a.agentWorkspaceHandoff!.at));
}

// What the sandbox's own pages (the simulator, the delivery log, the Agent Workspace) show, read from a sandbox's state.
import { agentWorkspaceHandoffs, agentWorkspaceView, type AgentWorkspaceView } from "./resources/agent-workspace";
import type { Sandbox } from "./sandbox";
import type { DeliveryRecord } from "./state";

export interface SimulatorApp {
  id: string;
  displayName: string;
  subdomain: string;
  multiConvoEnabled: boolean;
}

export function simulatorApps(sandbox: Sandbox): SimulatorApp[] {
  return sandbox.context.state.apps.all().map((app) => ({
    id: app.id,
    displayName: app.displayName,
    subdomain: app.subdomain,
    multiConvoEnabled: Boolean(app.settings.multiConvoEnabled),
  }));
}

/** The most recent deliveries first, optionally those of one app only. */
export function deliveryLog(sandbox: Sandbox, filter: { appId?: string; limit?: number } = {}): DeliveryRecord[] {
  const { deliveries } = sandbox.context.state;
  const matching = filter.appId ? deliveries.where((d) => d.appId === filter.appId) : deliveries.all();
  return matching.reverse().slice(0, filter.limit ?? 200);
}

export interface AgentWorkspaceHandoffSummary {
  conversationId: string;
  appName: string;
  at: string;
  firstMessageId: string | null;
}

/** The conversations handed to the Agent Workspace, latest first. */
export function agentWorkspaceInbox(sandbox: Sandbox, limit = 100): AgentWorkspaceHandoffSummary[] {
  const { state } = sandbox.context;
  return agentWorkspaceHandoffs(sandbox.context)
    .slice(0, limit)
    .map((conversation) => {
      const firstMessageId = conversation.agentWorkspaceHandoff!.metadata.first_message_id;
      return {
        conversationId: conversation.id,
        appName: state.apps.get(conversation.appId)?.displayName ?? conversation.appId,
        at: conversation.agentWorkspaceHandoff!.at,
        firstMessageId: typeof firstMessageId === "string" ? firstMessageId : null,
      };
    });
}

/** One handed-off conversation as the agent sees it, or undefined when there is no such conversation. */
export function agentWorkspaceConversation(sandbox: Sandbox, conversationId: string): AgentWorkspaceView | undefined {
  const conversation = sandbox.context.state.conversations.get(conversationId);
  return conversation && agentWorkspaceView(sandbox.context, conversation);
}

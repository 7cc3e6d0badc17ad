// The SunCo sandbox: a stateful emulator of Sunshine Conversations (REST v2, OAuth bridge, webhooks) with an
// end-user simulator, served standalone (serveSandbox) or inside the app (mountedSandbox, at /sandbox/sc).
export { createSandbox, type Sandbox, type SandboxOptions } from "./sandbox";
export { serveSandbox, type RunningSandbox } from "./server";
export { mountedSandbox } from "./mounted";
export { fixtures, partnerOAuthClient, type SandboxFixtures } from "./fixtures";
export {
  agentWorkspaceConversation,
  agentWorkspaceInbox,
  deliveryLog,
  simulatorApps,
  type AgentWorkspaceHandoffSummary,
  type SimulatorApp,
} from "./pages";
export type { AgentWorkspaceView } from "./resources/agent-workspace";
export type { DeliveryRecord, DeliveryAttempt } from "./state";
export type { LiveEvent } from "./live-feed";

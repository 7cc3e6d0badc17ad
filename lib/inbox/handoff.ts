// Switchboard handoff from the inbox: who is in control of a conversation, passing control to another switchboard
// integration and releasing it, with what the connection's credentials cannot do refused before SunCo is asked —
// an OAuth (integration-scope) token may release control only while its own integration holds it, and may not list
// the switchboard at all (app scope only). The webhook that follows each action updates the read model.
import { audited } from "@/lib/audit/record";
import type { MemberContext } from "@/lib/auth/require-member";
import { clientForConnection } from "@/lib/connections";
import { env } from "@/lib/env";
import { ConflictError } from "@/lib/errors";
import { CONTROL_AUDIT_ACTIONS } from "@/lib/switchboards";
import { explainingFailure } from "@/lib/sunco";
import { readOnlyReason, writableConversation, type ConversationConnection, type ConversationRef } from "./conversation-access";

/** A switchboard integration as a conversation names it. */
export interface SwitchboardRef {
  id?: string;
  name?: string;
  integrationId?: string;
  integrationType?: string;
}

export type Capability = { allowed: true } | { allowed: false; reason: string };

export interface HandoffState {
  active: SwitchboardRef | null;
  pending: SwitchboardRef | null;
  /** Sunbridge's own integration (this connection's) holds control. */
  inControl: boolean;
  pass: Capability;
  release: Capability;
  /** Whether the switchboard's integrations can be listed to pick a target (app-scope credentials only). */
  listTargets: Capability;
}

export interface HandoffTarget {
  id: string;
  name: string;
  integrationType: string;
}

const ALLOWED: Capability = { allowed: true };
const refused = (reason: string): Capability => ({ allowed: false, reason });

/** Whether `integration` is this connection's own: by OAuth client id, or by the custom integration's id. */
export function isOwnIntegration(connection: Pick<ConversationConnection, "authType" | "integrationId">, integration: SwitchboardRef | null) {
  if (!integration) return false;
  if (connection.authType === "oauth") {
    const clientId = env().sunco.oauthClient?.clientId;
    return Boolean(clientId) && integration.integrationType === clientId;
  }
  return Boolean(connection.integrationId) && integration.integrationId === connection.integrationId;
}

const describe = (integration: SwitchboardRef) => integration.name ?? integration.integrationType ?? "another integration";

export function handoffState(
  conversation: Pick<ConversationRef, "activeSwitchboardIntegration" | "pendingSwitchboardIntegration" | "removedAt" | "connection">,
): HandoffState {
  const active = (conversation.activeSwitchboardIntegration as SwitchboardRef | null) ?? null;
  const pending = (conversation.pendingSwitchboardIntegration as SwitchboardRef | null) ?? null;
  const inControl = isOwnIntegration(conversation.connection, active);
  const readOnly = readOnlyReason(conversation);
  if (readOnly) return { active, pending, inControl, pass: refused(readOnly), release: refused(readOnly), listTargets: refused(readOnly) };
  const oauth = conversation.connection.authType === "oauth";
  let release = ALLOWED;
  if (!active) release = refused("No switchboard integration is in control of this conversation.");
  else if (oauth && !inControl) {
    release = refused(`With an OAuth connection SunCo lets Sunbridge release control only while it holds it; ${describe(active)} does.`);
  }
  const listTargets = oauth
    ? refused("SunCo does not let OAuth connections list the switchboard: name the integration, or pass to the next one.")
    : ALLOWED;
  return { active, pending, inControl, pass: ALLOWED, release, listTargets };
}

async function handoffOf(ctx: MemberContext, conversationId: string) {
  const conversation = await writableConversation(ctx, conversationId);
  return { conversation, state: handoffState(conversation) };
}

function assertAllowed(capability: Capability) {
  if (!capability.allowed) throw new ConflictError(capability.reason);
}

/** Makes `target` (an id, name or integrationType, or "next") the integration in control. */
export async function passControl(ctx: MemberContext, conversationId: string, target: string): Promise<void> {
  const { conversation, state } = await handoffOf(ctx, conversationId);
  assertAllowed(state.pass);
  const client = clientForConnection(conversation.connection);
  const metadata = { passedBy: ctx.actor.name };
  await audited(
    ctx,
    { ...controlAudit("pass", conversation), after: () => ({ action: "pass", to: target, metadata }) },
    () => explainingFailure({ audience: "agent", asked: "to pass control" }, () => client.switchboardActions.passControl(conversation.suncoConversationId, { switchboardIntegration: target, metadata })),
  );
}

export async function releaseControl(ctx: MemberContext, conversationId: string): Promise<void> {
  const { conversation, state } = await handoffOf(ctx, conversationId);
  assertAllowed(state.release);
  const client = clientForConnection(conversation.connection);
  const metadata = { releasedBy: ctx.actor.name };
  await audited(ctx, { ...controlAudit("release", conversation), after: () => ({ action: "release", metadata }) }, () =>
    explainingFailure({ audience: "agent", asked: "to release control" }, () => client.switchboardActions.releaseControl(conversation.suncoConversationId, { metadata })),
  );
}

/** The audit entry of a control change: the same action and target as the Switchboard tab records. */
function controlAudit(action: "pass" | "release", conversation: ConversationRef) {
  return { action: CONTROL_AUDIT_ACTIONS[action], connectionId: conversation.connection.id, target: `conversation ${conversation.suncoConversationId}` };
}

/** The switchboard integrations control can be passed to (app-scope connections only). */
export async function listHandoffTargets(ctx: MemberContext, conversationId: string): Promise<HandoffTarget[]> {
  const { conversation, state } = await handoffOf(ctx, conversationId);
  assertAllowed(state.listTargets);
  const client = clientForConnection(conversation.connection);
  return explainingFailure({ audience: "agent", asked: "to list the switchboard" }, async () => {
    const [switchboard] = await client.switchboards.list();
    if (!switchboard) return [];
    const integrations = await client.switchboardIntegrations.list(switchboard.id);
    return integrations.map((si) => ({ id: si.id, name: si.name, integrationType: si.integrationType }));
  });
}

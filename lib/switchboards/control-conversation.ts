// Who is in control of a conversation: pass it to a switchboard integration, offer it (the other must accept),
// accept an offer, or release it. The one use-case for it, from the Switchboard tab (an admin naming a SunCo
// conversation) and from the inbox (an agent in a conversation the read model holds, which lets the rules refuse
// what SunCo would, before it is asked). Agents may do it, not only admins.
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant, type ConnectionRef } from "@/lib/connections";
import { ConflictError } from "@/lib/errors";
import { findSwitchboard } from "./current-switchboard";
import { handoffMetadata } from "./handoff-metadata";
import { controlRules, type ControlConnection, type KnownConversation } from "./control-rules";
import type { ControlAction, ControlConversationInput } from "./schemas";

/** The audit actions of control changes, the same wherever they were made. */
const CONTROL_AUDIT_ACTIONS: Record<ControlAction, string> = {
  pass: "conversation.control_passed",
  offer: "conversation.control_offered",
  accept: "conversation.control_accepted",
  release: "conversation.control_released",
};

const ASKED: Record<ControlAction | "listTargets", string> = {
  pass: "to pass control",
  offer: "to offer control",
  accept: "to accept control",
  release: "to release control",
  listTargets: "to list the switchboard",
};

export interface ControlOptions {
  /** The inbox's conversation: its connection as the read model has it, and what it knows of control. */
  known?: { connection: ControlConnection } & KnownConversation;
  /** Who reads SunCo's refusals: the admin on the Switchboard tab unless said otherwise. */
  audience?: "admin" | "agent";
}

/** Refuses, before anything is asked of SunCo or recorded, what the rules refuse for the conversation the caller knows. */
function checkKnown(action: keyof typeof ASKED, known: ControlOptions["known"]) {
  if (!known) return;
  const check = controlRules(known.connection, known)[action];
  if (!check.allowed) throw new ConflictError(check.reason);
}

const tenantOptions = (action: keyof typeof ASKED, { audience = "admin" }: ControlOptions, audit?: string) => ({
  role: "agent" as const,
  action: audit,
  explainTo: audience === "agent" ? { audience, asked: ASKED[action] } : { audience },
});

export async function controlConversation(
  ctx: MemberContext,
  { connectionId, conversationId, action, to, metadata }: ControlConversationInput,
  options: ControlOptions = {},
) {
  checkKnown(action, options.known);
  const tenant = await openTenant(ctx, connectionId, "conversationControl", tenantOptions(action, options, CONTROL_AUDIT_ACTIONS[action]));
  // Whoever gets control (the Agent Workspace above all) learns where the conversation began, and the admin's fields.
  if (action === "pass" || action === "offer") metadata = await handoffMetadata(tenant, conversationId, metadata);
  const transfer = { switchboardIntegration: to!, metadata };
  await tenant.change(
    {
      action: CONTROL_AUDIT_ACTIONS[action],
      target: `conversation ${conversationId}`,
      after: () => ({ action, ...(action === "pass" || action === "offer" ? { to } : {}), metadata: metadata ?? null }),
    },
    async () => {
      const control = tenant.client.switchboardActions;
      if (action === "pass") await control.passControl(conversationId, transfer);
      else if (action === "offer") await control.offerControl(conversationId, transfer);
      else if (action === "accept") await control.acceptControl(conversationId, { metadata });
      else await control.releaseControl(conversationId, { metadata });
    },
  );
}

/** The switchboard integrations control can be passed to, to choose from (app-scope credentials only). */
export async function listControlTargets(ctx: MemberContext, { connectionId }: ConnectionRef, options: ControlOptions = {}) {
  checkKnown("listTargets", options.known);
  const tenant = await openTenant(ctx, connectionId, "switchboard", tenantOptions("listTargets", options));
  const switchboard = await findSwitchboard(tenant);
  if (!switchboard) return [];
  const members = await tenant.read(() => tenant.client.switchboardIntegrations.list(switchboard.id));
  return members.map((member) => ({ id: member.id, name: member.name, integrationType: member.integrationType }));
}

export type ControlTarget = Awaited<ReturnType<typeof listControlTargets>>[number];

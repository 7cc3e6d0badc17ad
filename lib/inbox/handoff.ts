// Switchboard handoff from the inbox: who is in control of a conversation, and passing, offering, accepting or
// releasing control. The inbox computes its view with the switchboard's rules and changes control through the
// switchboard's one use-case (lib/switchboards), giving both what the read model knows of the conversation, so that
// what SunCo would refuse is refused first, in words for the agent. The webhook that follows each change updates the
// read model.
import type { MemberContext } from "@/lib/auth/require-member";
import type { CapabilityCheck } from "@/lib/connections";
import {
  controlConversation,
  controlRules,
  isOwnIntegration,
  listControlTargets,
  type ControlAction,
  type ControlOptions,
  type ControlTarget,
  type SwitchboardRef,
} from "@/lib/switchboards";
import { findConversation, readOnlyReason, type ConversationRef } from "./conversation-access";

export interface HandoffState extends Record<ControlAction, CapabilityCheck> {
  active: SwitchboardRef | null;
  pending: SwitchboardRef | null;
  /** Sunbridge's own integration (this connection's) holds control. */
  inControl: boolean;
  /** Whether the switchboard's integrations can be listed to pick a target (app-scope credentials only). */
  listTargets: CapabilityCheck;
}

export type HandoffTarget = ControlTarget;

type HandoffConversation = Pick<ConversationRef, "activeSwitchboardIntegration" | "pendingSwitchboardIntegration" | "removedAt" | "connection">;

function known(conversation: HandoffConversation): Required<ControlOptions>["known"] {
  return {
    connection: conversation.connection,
    active: (conversation.activeSwitchboardIntegration as SwitchboardRef | null) ?? null,
    pending: (conversation.pendingSwitchboardIntegration as SwitchboardRef | null) ?? null,
    readOnlyReason: readOnlyReason(conversation),
  };
}

export function handoffState(conversation: HandoffConversation): HandoffState {
  const { connection, active, pending, ...state } = known(conversation);
  return { active, pending, inControl: isOwnIntegration(connection, active), ...controlRules(connection, { active, pending, ...state }) };
}

/** Who changed control, in the metadata SunCo passes on to the other integrations. */
const BY: Record<ControlAction, string> = { pass: "passedBy", offer: "offeredBy", accept: "acceptedBy", release: "releasedBy" };

async function handOff(ctx: MemberContext, conversationId: string, action: ControlAction, to?: string): Promise<void> {
  const conversation = await findConversation(ctx, conversationId);
  await controlConversation(
    ctx,
    { connectionId: conversation.connection.id, conversationId: conversation.suncoConversationId, action, to, metadata: { [BY[action]]: ctx.actor.name } },
    { known: known(conversation), audience: "agent" },
  );
}

/** Makes `target` (an id, name or integrationType, or "next") the integration in control. */
export const passControl = (ctx: MemberContext, conversationId: string, target: string) => handOff(ctx, conversationId, "pass", target);
/** Offers control to `target`; it passes when that integration accepts. */
export const offerControl = (ctx: MemberContext, conversationId: string, target: string) => handOff(ctx, conversationId, "offer", target);
/** Accepts the pending offer of control. */
export const acceptControl = (ctx: MemberContext, conversationId: string) => handOff(ctx, conversationId, "accept");
export const releaseControl = (ctx: MemberContext, conversationId: string) => handOff(ctx, conversationId, "release");

/** The switchboard integrations control can be passed to (app-scope connections only). */
export async function listHandoffTargets(ctx: MemberContext, conversationId: string): Promise<HandoffTarget[]> {
  const conversation = await findConversation(ctx, conversationId);
  return listControlTargets(ctx, { connectionId: conversation.connection.id }, { known: known(conversation), audience: "agent" });
}

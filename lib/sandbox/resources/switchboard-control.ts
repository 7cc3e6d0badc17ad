// Who is in control of a conversation: passing, offering, accepting and releasing control between the
// switchboard's integrations. Invalid requests fail the call and emit the matching `…:failure` webhook.
import type { Principal } from "../auth";
import type { SandboxContext } from "../context";
import { badRequest, forbidden } from "../errors";
import type { ConversationRecord, Metadata, SwitchboardIntegrationRecord } from "../state";
import { switchboardEvent, switchboardFailureEvent } from "../webhooks/events";
import { noteControlChange } from "./agent-workspace";

type FailingAction = "switchboard:passControl" | "switchboard:offerControl" | "switchboard:acceptControl";

function fail(
  ctx: SandboxContext,
  action: FailingAction,
  conversation: ConversationRecord,
  metadata: Metadata | null | undefined,
  error: { code: "switchboard_invalid_target" | "switchboard_invalid_action"; message: string },
): never {
  ctx.events.emit(switchboardFailureEvent(`${action}:failure`, ctx.state, conversation, metadata, error));
  throw badRequest(error.message);
}

function switchboardIntegrations(ctx: SandboxContext, appId: string): SwitchboardIntegrationRecord[] {
  const switchboard = ctx.state.switchboards.find((s) => s.appId === appId);
  return switchboard ? ctx.state.switchboardIntegrations.where((si) => si.switchboardId === switchboard.id) : [];
}

/** By id, then name, then integrationType; `next` is the active integration's configured next one. */
function resolveTarget(
  ctx: SandboxContext,
  action: FailingAction,
  conversation: ConversationRecord,
  reference: string,
  metadata: Metadata | null | undefined,
): SwitchboardIntegrationRecord {
  const candidates = switchboardIntegrations(ctx, conversation.appId);
  const invalid = (message: string) => fail(ctx, action, conversation, metadata, { code: "switchboard_invalid_target", message });
  if (reference === "next") {
    const active = ctx.state.switchboardIntegrations.get(conversation.activeSwitchboardIntegrationId);
    const next = candidates.find((si) => si.id === active?.nextSwitchboardIntegrationId);
    return next ?? invalid("There is no next switchboard integration");
  }
  for (const field of ["id", "name", "integrationType"] as const) {
    const matches = candidates.filter((si) => si[field] === reference);
    if (matches.length > 1) invalid(`"${reference}" matches several switchboard integrations`);
    if (matches.length === 1) return matches[0]!;
  }
  return invalid(`No switchboard integration matches "${reference}"`);
}

export function passControl(ctx: SandboxContext, conversation: ConversationRecord, reference: string, metadata?: Metadata | null) {
  const target = resolveTarget(ctx, "switchboard:passControl", conversation, reference, metadata);
  conversation.activeSwitchboardIntegrationId = target.id;
  conversation.pendingSwitchboardIntegrationId = undefined;
  noteControlChange(ctx, conversation, metadata);
  ctx.events.emit(switchboardEvent("switchboard:passControl", ctx.state, conversation, metadata));
  ctx.changed();
}

export function offerControl(ctx: SandboxContext, conversation: ConversationRecord, reference: string, metadata?: Metadata | null) {
  const target = resolveTarget(ctx, "switchboard:offerControl", conversation, reference, metadata);
  if (target.id === conversation.activeSwitchboardIntegrationId) {
    fail(ctx, "switchboard:offerControl", conversation, metadata, {
      code: "switchboard_invalid_target",
      message: "Control cannot be offered to the switchboard integration that already has it",
    });
  }
  conversation.pendingSwitchboardIntegrationId = target.id;
  ctx.events.emit(switchboardEvent("switchboard:offerControl", ctx.state, conversation, metadata));
  ctx.changed();
}

/** An integration-scope caller must be the integration it concerns: the pending one to accept, the active one to release. */
function requireCaller(ctx: SandboxContext, principal: Principal, switchboardIntegrationId: string | undefined) {
  if (principal.scope !== "integration") return;
  const si = ctx.state.switchboardIntegrations.get(switchboardIntegrationId);
  if (si?.integrationId !== principal.integrationId) throw forbidden();
}

export function acceptControl(ctx: SandboxContext, principal: Principal, conversation: ConversationRecord, metadata?: Metadata | null) {
  if (!conversation.pendingSwitchboardIntegrationId) {
    fail(ctx, "switchboard:acceptControl", conversation, metadata, {
      code: "switchboard_invalid_action",
      message: "There is no pendingSwitchboardIntegration",
    });
  }
  requireCaller(ctx, principal, conversation.pendingSwitchboardIntegrationId);
  conversation.activeSwitchboardIntegrationId = conversation.pendingSwitchboardIntegrationId;
  conversation.pendingSwitchboardIntegrationId = undefined;
  noteControlChange(ctx, conversation, metadata);
  ctx.events.emit(switchboardEvent("switchboard:acceptControl", ctx.state, conversation, metadata));
  ctx.changed();
}

export function releaseControl(ctx: SandboxContext, principal: Principal, conversation: ConversationRecord, metadata?: Metadata | null) {
  requireCaller(ctx, principal, conversation.activeSwitchboardIntegrationId);
  conversation.activeSwitchboardIntegrationId = undefined;
  conversation.pendingSwitchboardIntegrationId = undefined;
  ctx.events.emit(switchboardEvent("switchboard:releaseControl", ctx.state, conversation, metadata));
  ctx.changed();
}

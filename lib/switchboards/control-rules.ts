// What may be done about who controls a conversation, stated once for the inbox and the Switchboard tab: the
// connection's credentials (lib/connections/capabilities.ts), a conversation nothing can be done with any more, and
// what SunCo lets an integration (OAuth) token do with control it does not hold — release only while its own
// integration holds control, accept only an offer made to it — and that it may not list the switchboard at all.
import { capabilityOf, mayCall, type CapabilityCheck } from "@/lib/connections";
import type { ConnectionAuthType, ConnectionState } from "@/lib/db/generated/enums";
import { ownOAuthIntegrationType } from "./integration-choices";
import type { ControlAction } from "./schemas";

/** A switchboard integration as a conversation names it. */
export interface SwitchboardRef {
  id?: string;
  name?: string;
  integrationId?: string;
  integrationType?: string;
}

export interface ControlConnection {
  authType: ConnectionAuthType;
  state: ConnectionState;
  /** The custom integration an app-key connection receives events through. */
  integrationId: string | null;
}

/** What the read model knows of a conversation: the rules that need it refuse before SunCo is asked. */
export interface KnownConversation {
  active: SwitchboardRef | null;
  pending: SwitchboardRef | null;
  /** Why nothing can be done in SunCo with the conversation (deleted there, connection not working); null if all can. */
  readOnlyReason: string | null;
}

export type ControlRules = Record<ControlAction | "listTargets", CapabilityCheck>;

const ALLOWED: CapabilityCheck = { allowed: true };
const refused = (reason: string): CapabilityCheck => ({ allowed: false, reason });

/** Whether `integration` is this connection's own: by OAuth client id, or by the custom integration's id. */
export function isOwnIntegration(connection: Pick<ControlConnection, "authType" | "integrationId">, integration: SwitchboardRef | null) {
  if (!integration) return false;
  if (connection.authType === "oauth") {
    const ownType = ownOAuthIntegrationType();
    return Boolean(ownType) && integration.integrationType === ownType;
  }
  return Boolean(connection.integrationId) && integration.integrationId === connection.integrationId;
}

const describe = (integration: SwitchboardRef) => integration.name ?? integration.integrationType ?? "another integration";

function releaseRule(connection: ControlConnection, { active }: KnownConversation): CapabilityCheck {
  if (!active) return refused("No switchboard integration is in control of this conversation.");
  if (connection.authType === "oauth" && !isOwnIntegration(connection, active)) {
    return refused(`With an OAuth connection SunCo lets Sunbridge release control only while it holds it; ${describe(active)} does.`);
  }
  return ALLOWED;
}

function acceptRule(connection: ControlConnection, { pending }: KnownConversation): CapabilityCheck {
  if (!pending) return refused("No integration has been offered control of this conversation.");
  if (connection.authType === "oauth" && !isOwnIntegration(connection, pending)) {
    return refused(`With an OAuth connection SunCo lets Sunbridge accept only an offer made to it; ${describe(pending)} was offered control.`);
  }
  return ALLOWED;
}

const LISTING = ["ListSwitchboards", "ListSwitchboardIntegrations"] as const;

/**
 * The rules for a conversation of `connection`. Without `known` (a SunCo conversation named on the Switchboard tab,
 * which the read model may not hold) only the credentials decide, and SunCo has the last word on the rest.
 */
export function controlRules(connection: ControlConnection, known?: KnownConversation): ControlRules {
  const everything = (check: CapabilityCheck): ControlRules => ({ pass: check, offer: check, accept: check, release: check, listTargets: check });
  if (known?.readOnlyReason) return everything(refused(known.readOnlyReason));
  const credentials = capabilityOf(connection, "conversationControl");
  if (!credentials.allowed) return everything(credentials);
  const listTargets = LISTING.every((operation) => mayCall(connection, operation))
    ? ALLOWED
    : refused("SunCo does not let OAuth connections list the switchboard: name the integration, or pass to the next one.");
  return {
    pass: ALLOWED,
    offer: ALLOWED,
    accept: known ? acceptRule(connection, known) : ALLOWED,
    release: known ? releaseRule(connection, known) : ALLOWED,
    listTargets,
  };
}

// What a connection's credentials may do at SunCo, read from the operations table rather than hard-coded: an
// OAuth token may call the operations SunCo opens to integration tokens, an app key those that accept the app
// scope. The settings pages disable what is refused (showing the reason) and the use-cases refuse it again.
import type { ConnectionAuthType, ConnectionState } from "@/lib/db/generated/enums";
import { ForbiddenError } from "@/lib/errors";
import { SUNCO_OPERATIONS, type Scope, type SuncoOperationId } from "@/lib/sunco/schemas";

/** The operations each part of the settings area needs, all of them. */
export const CAPABILITY_OPERATIONS = {
  webhooks: ["ListWebhooks", "CreateWebhook", "UpdateWebhook", "DeleteWebhook"],
  integrations: ["ListIntegrations", "GetIntegration", "CreateIntegration", "UpdateIntegration", "DeleteIntegration"],
  integrationKeys: ["ListCustomIntegrationKeys", "CreateCustomIntegrationKey", "DeleteCustomIntegrationKey"],
  switchboard: [
    "ListSwitchboards",
    "CreateSwitchboard",
    "UpdateSwitchboard",
    "DeleteSwitchboard",
    "ListSwitchboardIntegrations",
    "CreateSwitchboardIntegration",
    "UpdateSwitchboardIntegration",
    "DeleteSwitchboardIntegration",
  ],
  conversationControl: ["PassControl", "OfferControl", "AcceptControl", "ReleaseControl"],
  /** Reading them needs no capability: app keys call GetApp, OAuth tokens GetTokenInfo. */
  appSettings: ["UpdateApp"],
} as const satisfies Record<string, readonly SuncoOperationId[]>;

export type Capability = keyof typeof CAPABILITY_OPERATIONS;

export type CapabilityCheck = { allowed: true } | { allowed: false; reason: string };

export type ConnectionCapabilities = Record<Capability, CapabilityCheck>;

interface Credentials {
  authType: ConnectionAuthType;
  state: ConnectionState;
}

const DOING: Record<Capability, string> = {
  webhooks: "manage webhooks",
  integrations: "see or change the app's other integrations",
  integrationKeys: "manage custom integration API keys",
  switchboard: "manage the switchboard",
  conversationControl: "pass control of conversations",
  appSettings: "change the app's settings",
};

const CREDENTIALS: Record<ConnectionAuthType, string> = {
  oauth: "An OAuth token",
  api_key_basic: "An app API key",
  api_key_jwt: "An app API key",
};

/** Whether the connection's credentials may call `operation`, as SunCo's spec says. */
export function mayCall(connection: Pick<Credentials, "authType">, operation: SuncoOperationId): boolean {
  const spec = SUNCO_OPERATIONS[operation];
  if (connection.authType === "oauth") return spec.integrationToken;
  return (spec.scopes as readonly Scope[]).includes("app");
}

function scopesInWords(scopes: readonly Scope[]) {
  const words = scopes.map((scope) => (scope === "integration" ? "integration" : `${scope} API key`));
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} or ${words.at(-1)}` : (words[0] ?? "no");
}

export function capabilityOf(connection: Credentials, capability: Capability): CapabilityCheck {
  if (connection.state === "revoked") {
    return { allowed: false, reason: "This connection was disconnected. Connect the app again to manage it from Sunbridge." };
  }
  const refused = CAPABILITY_OPERATIONS[capability].filter((operation) => !mayCall(connection, operation));
  if (refused.length === 0) return { allowed: true };
  const remedy = connection.authType === "oauth" ? " Connect this app with an app API key to do it from Sunbridge." : "";
  return {
    allowed: false,
    reason:
      `${CREDENTIALS[connection.authType]} can't ${DOING[capability]}: SunCo accepts ${refused.join(", ")} only with ` +
      `${scopesInWords(SUNCO_OPERATIONS[refused[0]!].scopes)} credentials.${remedy}`,
  };
}

export function capabilitiesOf(connection: Credentials): ConnectionCapabilities {
  return Object.fromEntries(
    (Object.keys(CAPABILITY_OPERATIONS) as Capability[]).map((capability) => [capability, capabilityOf(connection, capability)]),
  ) as ConnectionCapabilities;
}

export function requireCapability(connection: Credentials, capability: Capability): void {
  const check = capabilityOf(connection, capability);
  if (!check.allowed) throw new ForbiddenError(check.reason);
}

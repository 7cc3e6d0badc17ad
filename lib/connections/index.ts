// Tenant connections: connecting SunCo apps (OAuth or API key), their credentials and webhook, their health, and
// what their credentials may do when a member manages the app through them.
export { beginOAuthConnect, completeOAuthConnect, oauthRedirectUri, type OAuthCallbackOutcome } from "./connect-oauth";
export { apiKeyConnectSchema, connectWithApiKey, type ApiKeyConnectInput } from "./connect-api-key";
export { disconnectConnection, findConnection, testConnection } from "./manage-connection";
export {
  handoffFieldLines,
  handoffFieldsInputSchema,
  handoffFieldsOf,
  MAX_HANDOFF_FIELDS,
  setHandoffFields,
  type HandoffFields,
  type HandoffFieldsInput,
} from "./handoff-fields";
export { getConnection, listConnections, type ConnectionName, type ConnectionRow } from "./list-connections";
export {
  getPartnerConnection,
  labelConnection,
  listPartnerConnections,
  type ConnectionFilter,
  type ConnectionLabels,
  type PartnerConnection,
} from "./partner-labels";
export {
  capabilitiesOf,
  capabilityOf,
  mayCall,
  requireCapability,
  type Capability,
  type CapabilityCheck,
  type ConnectionCapabilities,
} from "./capabilities";
export { openTenant, type TenantAccess, type TenantChange } from "./tenant-access";
export { startableConnection, startableConnections, type StartableConnection } from "./startable";
export { connectionIdSchema, connectionLabelsSchema, connectionRefSchema, suncoIdSchema, type ConnectionRef } from "./schemas";
export { attemptFailure, pruneOAuthAttempts, REJECTION_MESSAGES, type OAuthAttemptRejection } from "./oauth-attempts";
export { admitRemovalNotice, MAX_REMOVAL_NOTICE_BYTES, verifyRemovalNotice } from "./removal-notice";
export { clientForConnection, clientForConnectionId, fetchConnectedApp } from "./sunco-access";
export { loadWebhookSecrets, type WebhookSecrets } from "./webhook-secrets";
export { noteLastEvents } from "./last-event";
export { setConnectionState } from "./health";
export { openConnectionSecret, sealConnectionSecret, rotateConnectionSecrets } from "./secrets";
export { SUNBRIDGE_TRIGGERS, webhookTargetFor } from "./provision-webhook";
export {
  admitLinkVisitor,
  beginLinkOAuth,
  completeLinkOAuth,
  connectLinkIdSchema,
  connectLinkWithApiKey,
  connectReturnOrigins,
  createConnectLink,
  createConnectLinkSchema,
  describeConnectLink,
  linkOutcome,
  listConnectLinks,
  LinkUnusableError,
  returnOriginsSchema,
  revokeConnectLink,
  setConnectReturnOrigins,
  CONNECT_METHODS,
  type ConnectLinkState,
  type ConnectLinkView,
  type ConnectMethod,
  type CreateConnectLinkInput,
  type LinkConnectOutcome,
  type PublicLink,
} from "./connect-links";
export { CONNECT_LOGO_TYPES, connectLogoOf, connectLogoSchema, MAX_CONNECT_LOGO_BYTES, removeConnectLogo, setConnectLogo } from "./connect-logo";
export {
  claimInstallation,
  INSTALL_COOKIE,
  INSTALLATION_LIFETIME_MS,
  pendingInstallation,
  receiveInstallation,
  revokeExpiredInstallations,
  type PendingInstallation,
} from "./installations";

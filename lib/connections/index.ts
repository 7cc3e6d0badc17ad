// Tenant connections: connecting SunCo apps (OAuth or API key), their credentials and webhook, their health.
export { beginOAuthConnect, completeOAuthConnect, oauthRedirectUri, type OAuthCallbackOutcome } from "./connect-oauth";
export { apiKeyConnectSchema, connectWithApiKey } from "./connect-api-key";
export { disconnectConnection, findConnection, testConnection } from "./manage-connection";
export { listConnections, type ConnectionRow } from "./list-connections";
export { attemptFailure, REJECTION_MESSAGES, type OAuthAttemptRejection } from "./oauth-attempts";
export { verifyRemovalNotice } from "./removal-notice";
export { clientForConnection } from "./sunco-access";
export { setConnectionState } from "./health";
export { openConnectionSecret, sealConnectionSecret, rotateConnectionSecrets } from "./secrets";
export { SUNBRIDGE_TRIGGERS, webhookTargetFor } from "./provision-webhook";

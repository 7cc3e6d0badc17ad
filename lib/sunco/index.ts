// The SunCo API client: the only code that builds SunCo URLs and headers. One client per tenant connection,
// the OAuth bridge helpers, and the one error type every failure raises.
export { createSuncoClient, type SuncoClient, type SuncoClientConfig } from "./client";
export { authorizeUrl, exchangeAuthorizationCode, getTokenInfo, type OAuthSettings } from "./oauth";
export { SuncoError, type SuncoApiError, type SuncoErrorKind } from "./errors";
export { explainingFailure, explainSuncoFailure, FOR_ADMIN, type SuncoFailureReader } from "./failure";
export { needsTemplate } from "./template-window";
export type { SuncoCredentials, JwtLifetime } from "./auth";
export type { SuncoRegion } from "./base-url";
export type { SuncoCallEvent, SuncoObserver } from "./observer";
export { DEFAULT_RETRY_POLICY, NO_RETRIES, type RetryPolicy } from "./retry-policy";
export type { CallOptions, MarketplaceHeaders } from "./transport";
export type { CallSettings } from "./settings";
export type { Page, PageMeta } from "./pagination";
export type { IterateOptions, PageRequest } from "./resources/invoke";
export { CLIENT_MESSAGE_ID_KEY, type SendOptions } from "./resources/messages";
export { OWN_INTEGRATION } from "./resources/integrations";
export type { AttachmentUpload } from "./resources/app";
export type { BrandScope } from "./resources/users";
export type { ConversationsOfUser } from "./resources/conversations";

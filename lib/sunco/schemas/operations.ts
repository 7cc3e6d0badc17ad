// The 68 operations of SunCo's v2 API: how each is called, who may call it, and what goes in and comes out.
// The client types its calls with it; the sandbox routes, enforces scopes and validates with it.
import type { z } from "zod";
import {
  appCreateBodySchema,
  appKeyCreateBodySchema,
  appKeyListResponseSchema,
  appKeyResponseSchema,
  appListResponseSchema,
  appResponseSchema,
  appUpdateBodySchema,
  appWithSubdomainResponseSchema,
  listAppsQuerySchema,
} from "./apps";
import { attachmentDeleteBodySchema, attachmentResponseSchema, uploadAttachmentQuerySchema } from "./attachments";
import { clientCreateBodySchema } from "./channel-links";
import {
  clientListResponseSchema,
  clientResponseSchema,
  deviceListResponseSchema,
  deviceResponseSchema,
  listClientsQuerySchema,
} from "./clients";
import { cursorQuerySchema, emptyResponseSchema, pageQuerySchema } from "./common";
import {
  conversationCreateBodySchema,
  conversationListResponseSchema,
  conversationResponseSchema,
  conversationUpdateBodySchema,
  conversionEventsBodySchema,
  conversionEventsResponseSchema,
  downloadMessageRefBodySchema,
  downloadMessageRefResponseSchema,
  listConversationsQuerySchema,
  participantJoinBodySchema,
  participantLeaveBodySchema,
  participantListResponseSchema,
  participantResponseSchema,
} from "./conversations";
import {
  integrationCreateBodySchema,
  integrationKeyCreateBodySchema,
  integrationKeyListResponseSchema,
  integrationKeyResponseSchema,
  integrationListResponseSchema,
  integrationResponseSchema,
  integrationUpdateBodySchema,
  listIntegrationsQuerySchema,
} from "./integrations";
import {
  activityPostBodySchema,
  messageListResponseSchema,
  messagePostBodySchema,
  messagePostResponseSchema,
} from "./messages";
import { authorizeQuerySchema, tokenRequestBodySchema, tokenResponseSchema } from "./oauth";
import {
  acceptControlBodySchema,
  offerControlBodySchema,
  passControlBodySchema,
  releaseControlBodySchema,
  switchboardIntegrationCreateBodySchema,
  switchboardIntegrationListResponseSchema,
  switchboardIntegrationResponseSchema,
  switchboardIntegrationUpdateBodySchema,
  switchboardListResponseSchema,
  switchboardResponseSchema,
  switchboardUpdateBodySchema,
} from "./switchboards";
import {
  brandIdQuerySchema,
  listUsersQuerySchema,
  syncUserBodySchema,
  userCreateBodySchema,
  userListResponseSchema,
  userResponseSchema,
  userUpdateBodySchema,
} from "./users";
import {
  webhookCreateBodySchema,
  webhookListResponseSchema,
  webhookResponseSchema,
  webhookUpdateBodySchema,
} from "./webhooks";

/** `integration`: an OAuth token or custom-integration key; `app`: an app key; `account`: an account key. */
export type Scope = "integration" | "app" | "account";

export interface SuncoOperation {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Relative to the API base (`https://{subdomain}.zendesk.com/sc`), or to the OAuth bridge for the OAuth tag. */
  path: string;
  tag: string;
  /** The scopes whose basic-auth key or JWT the operation accepts; empty when it takes no key. */
  scopes: readonly Scope[];
  /** Whether an OAuth (integration-scope) access token may call it. */
  integrationToken: boolean;
  query: z.ZodType | null;
  body: z.ZodType | null;
  /** Whether a body may be left out (ReleaseControl, SyncUser). */
  bodyOptional: boolean;
  /** 201 for creations, 302 for the OAuth redirect, 200 otherwise. */
  successStatus: 200 | 201 | 302;
  /** Null when the success answer is no JSON (Authorize redirects). */
  response: z.ZodType | null;
}

const ACCOUNT = ["account"] as const;
const APP = ["app", "account"] as const;
const ANY = ["integration", "app", "account"] as const;
/** Webhooks accept no account key. */
const WEBHOOKS = ["integration", "app"] as const;
const NO_KEY = [] as const;

export const SUNCO_OPERATIONS = {
  // ——— Apps ———
  CreateApp: {
    method: "POST", path: "/v2/apps", tag: "Apps", scopes: ACCOUNT, integrationToken: false,
    query: null, body: appCreateBodySchema, bodyOptional: false, successStatus: 201, response: appResponseSchema,
  },
  ListApps: {
    method: "GET", path: "/v2/apps", tag: "Apps", scopes: ACCOUNT, integrationToken: false,
    query: listAppsQuerySchema, body: null, bodyOptional: false, successStatus: 200, response: appListResponseSchema,
  },
  GetApp: {
    method: "GET", path: "/v2/apps/{appId}", tag: "Apps", scopes: APP, integrationToken: false,
    query: null, body: null, bodyOptional: false, successStatus: 200, response: appWithSubdomainResponseSchema,
  },
  UpdateApp: {
    method: "PATCH", path: "/v2/apps/{appId}", tag: "Apps", scopes: APP, integrationToken: false,
    query: null, body: appUpdateBodySchema, bodyOptional: false, successStatus: 200, response: appResponseSchema,
  },
  DeleteApp: {
    method: "DELETE", path: "/v2/apps/{appId}", tag: "Apps", scopes: ACCOUNT, integrationToken: false,
    query: null, body: null, bodyOptional: false, successStatus: 200, response: emptyResponseSchema,
  },

  // ——— App Keys ———
  CreateAppKey: {
    method: "POST", path: "/v2/apps/{appId}/keys", tag: "App Keys", scopes: ACCOUNT, integrationToken: false,
    query: null, body: appKeyCreateBodySchema, bodyOptional: false, successStatus: 201, response: appKeyResponseSchema,
  },
  ListAppKeys: {
    method: "GET", path: "/v2/apps/{appId}/keys", tag: "App Keys", scopes: ACCOUNT, integrationToken: false,
    query: null, body: null, bodyOptional: false, successStatus: 200, response: appKeyListResponseSchema,
  },
  GetAppKey: {
    method: "GET", path: "/v2/apps/{appId}/keys/{keyId}", tag: "App Keys", scopes: ACCOUNT, integrationToken: false,
    query: null, body: null, bodyOptional: false, successStatus: 200, response: appKeyResponseSchema,
  },
  DeleteAppKey: {
    method: "DELETE", path: "/v2/apps/{appId}/keys/{keyId}", tag: "App Keys", scopes: ACCOUNT, integrationToken: false,
    query: null, body: null, bodyOptional: false, successStatus: 200, response: emptyResponseSchema,
  },

  // ——— Attachments ———
  /** The body is multipart/form-data: the file in a `source` field. */
  UploadAttachment: {
    method: "POST", path: "/v2/apps/{appId}/attachments", tag: "Attachments", scopes: ANY, integrationToken: true,
    query: uploadAttachmentQuerySchema, body: null, bodyOptional: false, successStatus: 201,
    response: attachmentResponseSchema,
  },
  DeleteAttachment: {
    method: "POST", path: "/v2/apps/{appId}/attachments/remove", tag: "Attachments", scopes: ANY, integrationToken: true,
    query: null, body: attachmentDeleteBodySchema, bodyOptional: false, successStatus: 200, response: emptyResponseSchema,
  },

  // ——— Conversations ———
  CreateConversation: {
    method: "POST", path: "/v2/apps/{appId}/conversations", tag: "Conversations", scopes: ANY, integrationToken: true,
    query: null, body: conversationCreateBodySchema, bodyOptional: false, successStatus: 201,
    response: conversationResponseSchema,
  },
  ListConversations: {
    method: "GET", path: "/v2/apps/{appId}/conversations", tag: "Conversations", scopes: ANY, integrationToken: true,
    query: listConversationsQuerySchema, body: null, bodyOptional: false, successStatus: 200,
    response: conversationListResponseSchema,
  },
  GetConversation: {
    method: "GET", path: "/v2/apps/{appId}/conversations/{conversationId}", tag: "Conversations", scopes: ANY,
    integrationToken: true, query: null, body: null, bodyOptional: false, successStatus: 200,
    response: conversationResponseSchema,
  },
  UpdateConversation: {
    method: "PATCH", path: "/v2/apps/{appId}/conversations/{conversationId}", tag: "Conversations", scopes: ANY,
    integrationToken: true, query: null, body: conversationUpdateBodySchema, bodyOptional: false, successStatus: 200,
    response: conversationResponseSchema,
  },
  /** The user's default conversation cannot be deleted (400); delete its messages instead. */
  DeleteConversation: {
    method: "DELETE", path: "/v2/apps/{appId}/conversations/{conversationId}", tag: "Conversations", scopes: ANY,
    integrationToken: true, query: null, body: null, bodyOptional: false, successStatus: 200,
    response: emptyResponseSchema,
  },
  DownloadMessageRef: {
    method: "POST", path: "/v2/apps/{appId}/conversations/{conversationId}/download", tag: "Conversations",
    scopes: ANY, integrationToken: true, query: null, body: downloadMessageRefBodySchema, bodyOptional: false,
    successStatus: 200, response: downloadMessageRefResponseSchema,
  },
  PostConversionEvents: {
    method: "POST", path: "/v2/apps/{appId}/conversations/{conversationId}/conversionEvents", tag: "Conversations",
    scopes: ANY, integrationToken: true, query: null, body: conversionEventsBodySchema, bodyOptional: false,
    successStatus: 200, response: conversionEventsResponseSchema,
  },

  // ——— Participants ———
  JoinConversation: {
    method: "POST", path: "/v2/apps/{appId}/conversations/{conversationId}/join", tag: "Participants", scopes: ANY,
    integrationToken: true, query: null, body: participantJoinBodySchema, bodyOptional: false, successStatus: 201,
    response: participantResponseSchema,
  },
  ListParticipants: {
    method: "GET", path: "/v2/apps/{appId}/conversations/{conversationId}/participants", tag: "Participants",
    scopes: ANY, integrationToken: true, query: pageQuerySchema, body: null, bodyOptional: false, successStatus: 200,
    response: participantListResponseSchema,
  },
  LeaveConversation: {
    method: "POST", path: "/v2/apps/{appId}/conversations/{conversationId}/leave", tag: "Participants", scopes: ANY,
    integrationToken: true, query: null, body: participantLeaveBodySchema, bodyOptional: false, successStatus: 200,
    response: emptyResponseSchema,
  },

  // ——— Messages ———
  /** 423 once the conversation holds 30,000 messages. Not idempotent: SunCo has no idempotency key. */
  PostMessage: {
    method: "POST", path: "/v2/apps/{appId}/conversations/{conversationId}/messages", tag: "Messages", scopes: ANY,
    integrationToken: true, query: null, body: messagePostBodySchema, bodyOptional: false, successStatus: 201,
    response: messagePostResponseSchema,
  },
  /** Pages backwards from the newest 100 messages; page[size] doesn't apply. */
  ListMessages: {
    method: "GET", path: "/v2/apps/{appId}/conversations/{conversationId}/messages", tag: "Messages", scopes: ANY,
    integrationToken: true, query: cursorQuerySchema, body: null, bodyOptional: false, successStatus: 200,
    response: messageListResponseSchema,
  },
  DeleteAllMessages: {
    method: "DELETE", path: "/v2/apps/{appId}/conversations/{conversationId}/messages", tag: "Messages", scopes: ANY,
    integrationToken: true, query: null, body: null, bodyOptional: false, successStatus: 200,
    response: emptyResponseSchema,
  },
  DeleteMessage: {
    method: "DELETE", path: "/v2/apps/{appId}/conversations/{conversationId}/messages/{messageId}", tag: "Messages",
    scopes: ANY, integrationToken: true, query: null, body: null, bodyOptional: false, successStatus: 200,
    response: emptyResponseSchema,
  },

  // ——— Activities ———
  PostActivity: {
    method: "POST", path: "/v2/apps/{appId}/conversations/{conversationId}/activity", tag: "Activities", scopes: ANY,
    integrationToken: true, query: null, body: activityPostBodySchema, bodyOptional: false, successStatus: 200,
    response: emptyResponseSchema,
  },

  // ——— Switchboard Actions ———
  PassControl: {
    method: "POST", path: "/v2/apps/{appId}/conversations/{conversationId}/passControl", tag: "Switchboard Actions",
    scopes: ANY, integrationToken: true, query: null, body: passControlBodySchema, bodyOptional: false,
    successStatus: 200, response: emptyResponseSchema,
  },
  ReleaseControl: {
    method: "POST", path: "/v2/apps/{appId}/conversations/{conversationId}/releaseControl", tag: "Switchboard Actions",
    scopes: ANY, integrationToken: true, query: null, body: releaseControlBodySchema, bodyOptional: true,
    successStatus: 200, response: emptyResponseSchema,
  },
  OfferControl: {
    method: "POST", path: "/v2/apps/{appId}/conversations/{conversationId}/offerControl", tag: "Switchboard Actions",
    scopes: ANY, integrationToken: true, query: null, body: offerControlBodySchema, bodyOptional: false,
    successStatus: 200, response: emptyResponseSchema,
  },
  AcceptControl: {
    method: "POST", path: "/v2/apps/{appId}/conversations/{conversationId}/acceptControl", tag: "Switchboard Actions",
    scopes: ANY, integrationToken: true, query: null, body: acceptControlBodySchema, bodyOptional: false,
    successStatus: 200, response: emptyResponseSchema,
  },

  // ——— Integrations ———
  CreateIntegration: {
    method: "POST", path: "/v2/apps/{appId}/integrations", tag: "Integrations", scopes: APP, integrationToken: false,
    query: null, body: integrationCreateBodySchema, bodyOptional: false, successStatus: 201,
    response: integrationResponseSchema,
  },
  ListIntegrations: {
    method: "GET", path: "/v2/apps/{appId}/integrations", tag: "Integrations", scopes: APP, integrationToken: false,
    query: listIntegrationsQuerySchema, body: null, bodyOptional: false, successStatus: 200,
    response: integrationListResponseSchema,
  },
  GetIntegration: {
    method: "GET", path: "/v2/apps/{appId}/integrations/{integrationId}", tag: "Integrations", scopes: APP,
    integrationToken: false, query: null, body: null, bodyOptional: false, successStatus: 200,
    response: integrationResponseSchema,
  },
  /** The body depends on the stored integration's type: see integrationUpdateBodySchemaFor. */
  UpdateIntegration: {
    method: "PATCH", path: "/v2/apps/{appId}/integrations/{integrationId}", tag: "Integrations", scopes: APP,
    integrationToken: false, query: null, body: integrationUpdateBodySchema, bodyOptional: false, successStatus: 200,
    response: integrationResponseSchema,
  },
  DeleteIntegration: {
    method: "DELETE", path: "/v2/apps/{appId}/integrations/{integrationId}", tag: "Integrations", scopes: APP,
    integrationToken: false, query: null, body: null, bodyOptional: false, successStatus: 200,
    response: emptyResponseSchema,
  },

  // ——— Custom integration API keys ———
  CreateCustomIntegrationKey: {
    method: "POST", path: "/v2/apps/{appId}/integrations/{integrationId}/keys", tag: "CustomIntegrationApiKeys",
    scopes: APP, integrationToken: false, query: null, body: integrationKeyCreateBodySchema, bodyOptional: false,
    successStatus: 201, response: integrationKeyResponseSchema,
  },
  ListCustomIntegrationKeys: {
    method: "GET", path: "/v2/apps/{appId}/integrations/{integrationId}/keys", tag: "CustomIntegrationApiKeys",
    scopes: APP, integrationToken: false, query: null, body: null, bodyOptional: false, successStatus: 200,
    response: integrationKeyListResponseSchema,
  },
  GetCustomIntegrationKey: {
    method: "GET", path: "/v2/apps/{appId}/integrations/{integrationId}/keys/{keyId}", tag: "CustomIntegrationApiKeys",
    scopes: APP, integrationToken: false, query: null, body: null, bodyOptional: false, successStatus: 200,
    response: integrationKeyResponseSchema,
  },
  DeleteCustomIntegrationKey: {
    method: "DELETE", path: "/v2/apps/{appId}/integrations/{integrationId}/keys/{keyId}",
    tag: "CustomIntegrationApiKeys", scopes: APP, integrationToken: false, query: null, body: null,
    bodyOptional: false, successStatus: 200, response: emptyResponseSchema,
  },

  // ——— Webhooks (an OAuth token addresses its own integration as `me`, and sees only its own webhooks) ———
  CreateWebhook: {
    method: "POST", path: "/v2/apps/{appId}/integrations/{integrationId}/webhooks", tag: "Webhooks", scopes: WEBHOOKS,
    integrationToken: true, query: null, body: webhookCreateBodySchema, bodyOptional: false, successStatus: 201,
    response: webhookResponseSchema,
  },
  ListWebhooks: {
    method: "GET", path: "/v2/apps/{appId}/integrations/{integrationId}/webhooks", tag: "Webhooks", scopes: WEBHOOKS,
    integrationToken: true, query: null, body: null, bodyOptional: false, successStatus: 200,
    response: webhookListResponseSchema,
  },
  GetWebhook: {
    method: "GET", path: "/v2/apps/{appId}/integrations/{integrationId}/webhooks/{webhookId}", tag: "Webhooks",
    scopes: WEBHOOKS, integrationToken: true, query: null, body: null, bodyOptional: false, successStatus: 200,
    response: webhookResponseSchema,
  },
  UpdateWebhook: {
    method: "PATCH", path: "/v2/apps/{appId}/integrations/{integrationId}/webhooks/{webhookId}", tag: "Webhooks",
    scopes: WEBHOOKS, integrationToken: true, query: null, body: webhookUpdateBodySchema, bodyOptional: false,
    successStatus: 200, response: webhookResponseSchema,
  },
  DeleteWebhook: {
    method: "DELETE", path: "/v2/apps/{appId}/integrations/{integrationId}/webhooks/{webhookId}", tag: "Webhooks",
    scopes: WEBHOOKS, integrationToken: true, query: null, body: null, bodyOptional: false, successStatus: 200,
    response: emptyResponseSchema,
  },

  // ——— Switchboards ———
  /** Takes no body; one switchboard per app. */
  CreateSwitchboard: {
    method: "POST", path: "/v2/apps/{appId}/switchboards", tag: "Switchboards", scopes: APP, integrationToken: false,
    query: null, body: null, bodyOptional: false, successStatus: 201, response: switchboardResponseSchema,
  },
  ListSwitchboards: {
    method: "GET", path: "/v2/apps/{appId}/switchboards", tag: "Switchboards", scopes: APP, integrationToken: false,
    query: null, body: null, bodyOptional: false, successStatus: 200, response: switchboardListResponseSchema,
  },
  UpdateSwitchboard: {
    method: "PATCH", path: "/v2/apps/{appId}/switchboards/{switchboardId}", tag: "Switchboards", scopes: APP,
    integrationToken: false, query: null, body: switchboardUpdateBodySchema, bodyOptional: false, successStatus: 200,
    response: switchboardResponseSchema,
  },
  DeleteSwitchboard: {
    method: "DELETE", path: "/v2/apps/{appId}/switchboards/{switchboardId}", tag: "Switchboards", scopes: APP,
    integrationToken: false, query: null, body: null, bodyOptional: false, successStatus: 200,
    response: emptyResponseSchema,
  },

  // ——— Switchboard Integrations ———
  CreateSwitchboardIntegration: {
    method: "POST", path: "/v2/apps/{appId}/switchboards/{switchboardId}/switchboardIntegrations",
    tag: "Switchboard Integrations", scopes: APP, integrationToken: false, query: null,
    body: switchboardIntegrationCreateBodySchema, bodyOptional: false, successStatus: 201,
    response: switchboardIntegrationResponseSchema,
  },
  ListSwitchboardIntegrations: {
    method: "GET", path: "/v2/apps/{appId}/switchboards/{switchboardId}/switchboardIntegrations",
    tag: "Switchboard Integrations", scopes: APP, integrationToken: false, query: null, body: null,
    bodyOptional: false, successStatus: 200, response: switchboardIntegrationListResponseSchema,
  },
  UpdateSwitchboardIntegration: {
    method: "PATCH",
    path: "/v2/apps/{appId}/switchboards/{switchboardId}/switchboardIntegrations/{switchboardIntegrationId}",
    tag: "Switchboard Integrations", scopes: APP, integrationToken: false, query: null,
    body: switchboardIntegrationUpdateBodySchema, bodyOptional: false, successStatus: 200,
    response: switchboardIntegrationResponseSchema,
  },
  DeleteSwitchboardIntegration: {
    method: "DELETE",
    path: "/v2/apps/{appId}/switchboards/{switchboardId}/switchboardIntegrations/{switchboardIntegrationId}",
    tag: "Switchboard Integrations", scopes: APP, integrationToken: false, query: null, body: null,
    bodyOptional: false, successStatus: 200, response: emptyResponseSchema,
  },

  // ——— Users (`{userIdOrExternalId}` takes either; add ?brandId= for brand-separated users) ———
  CreateUser: {
    method: "POST", path: "/v2/apps/{appId}/users", tag: "Users", scopes: ANY, integrationToken: true,
    query: null, body: userCreateBodySchema, bodyOptional: false, successStatus: 201, response: userResponseSchema,
  },
  ListUsers: {
    method: "GET", path: "/v2/apps/{appId}/users", tag: "Users", scopes: ANY, integrationToken: true,
    query: listUsersQuerySchema, body: null, bodyOptional: false, successStatus: 200, response: userListResponseSchema,
  },
  GetUser: {
    method: "GET", path: "/v2/apps/{appId}/users/{userIdOrExternalId}", tag: "Users", scopes: ANY,
    integrationToken: true, query: brandIdQuerySchema, body: null, bodyOptional: false, successStatus: 200,
    response: userResponseSchema,
  },
  UpdateUser: {
    method: "PATCH", path: "/v2/apps/{appId}/users/{userIdOrExternalId}", tag: "Users", scopes: ANY,
    integrationToken: true, query: brandIdQuerySchema, body: userUpdateBodySchema, bodyOptional: false,
    successStatus: 200, response: userResponseSchema,
  },
  DeleteUser: {
    method: "DELETE", path: "/v2/apps/{appId}/users/{userIdOrExternalId}", tag: "Users", scopes: ANY,
    integrationToken: true, query: brandIdQuerySchema, body: null, bodyOptional: false, successStatus: 200,
    response: emptyResponseSchema,
  },
  DeleteUserPersonalInformation: {
    method: "DELETE", path: "/v2/apps/{appId}/users/{userIdOrExternalId}/personalinformation", tag: "Users",
    scopes: ANY, integrationToken: true, query: brandIdQuerySchema, body: null, bodyOptional: false,
    successStatus: 200, response: userResponseSchema,
  },
  /** Shares its path position with `{userIdOrExternalId}`: route both through one segment. */
  SyncUser: {
    method: "POST", path: "/v2/apps/{appId}/users/{zendeskId}/sync", tag: "Users", scopes: ANY, integrationToken: true,
    query: null, body: syncUserBodySchema, bodyOptional: true, successStatus: 200, response: userResponseSchema,
  },

  // ——— Clients ———
  /** Starts a channel link: the client is `pending` until client:update says otherwise. */
  CreateClient: {
    method: "POST", path: "/v2/apps/{appId}/users/{userIdOrExternalId}/clients", tag: "Clients", scopes: ANY,
    integrationToken: true, query: brandIdQuerySchema, body: clientCreateBodySchema, bodyOptional: false,
    successStatus: 201, response: clientResponseSchema,
  },
  ListClients: {
    method: "GET", path: "/v2/apps/{appId}/users/{userIdOrExternalId}/clients", tag: "Clients", scopes: ANY,
    integrationToken: true, query: listClientsQuerySchema, body: null, bodyOptional: false, successStatus: 200,
    response: clientListResponseSchema,
  },
  RemoveClient: {
    method: "DELETE", path: "/v2/apps/{appId}/users/{userIdOrExternalId}/clients/{clientId}", tag: "Clients",
    scopes: ANY, integrationToken: true, query: brandIdQuerySchema, body: null, bodyOptional: false,
    successStatus: 200, response: emptyResponseSchema,
  },

  // ——— Devices ———
  ListDevices: {
    method: "GET", path: "/v2/apps/{appId}/users/{userIdOrExternalId}/devices", tag: "Devices", scopes: ANY,
    integrationToken: true, query: brandIdQuerySchema, body: null, bodyOptional: false, successStatus: 200,
    response: deviceListResponseSchema,
  },
  GetDevice: {
    method: "GET", path: "/v2/apps/{appId}/users/{userIdOrExternalId}/devices/{deviceId}", tag: "Devices",
    scopes: ANY, integrationToken: true, query: brandIdQuerySchema, body: null, bodyOptional: false,
    successStatus: 200, response: deviceResponseSchema,
  },

  // ——— OAuth (on the OAuth bridge: https://oauth-bridge.zendesk.com/sc) ———
  /** Takes the OAuth access token as a bearer token, though the spec lists no security. */
  GetTokenInfo: {
    method: "GET", path: "/v2/tokenInfo", tag: "OAuth Endpoints", scopes: NO_KEY, integrationToken: true,
    query: null, body: null, bodyOptional: false, successStatus: 200, response: appWithSubdomainResponseSchema,
  },
  /** Where the browser goes; authenticated by the user's Zendesk session. */
  Authorize: {
    method: "GET", path: "/oauth/authorize", tag: "OAuth Endpoints", scopes: NO_KEY, integrationToken: false,
    query: authorizeQuerySchema, body: null, bodyOptional: false, successStatus: 302, response: null,
  },
  /** Authenticated by the client id and secret in the body. */
  GetToken: {
    method: "POST", path: "/oauth/token", tag: "OAuth Endpoints", scopes: NO_KEY, integrationToken: false,
    query: null, body: tokenRequestBodySchema, bodyOptional: false, successStatus: 200, response: tokenResponseSchema,
  },
  /** Also removes the integration's webhooks and calls its removeUrl. */
  RevokeAccess: {
    method: "DELETE", path: "/oauth/authorization", tag: "OAuth Endpoints", scopes: ["integration"],
    integrationToken: true, query: null, body: null, bodyOptional: false, successStatus: 200,
    response: emptyResponseSchema,
  },
} as const satisfies Record<string, SuncoOperation>;

export type SuncoOperationId = keyof typeof SUNCO_OPERATIONS;

type OperationOf<Id extends SuncoOperationId> = (typeof SUNCO_OPERATIONS)[Id];
type InputOf<S> = S extends z.ZodType ? z.input<S> : never;

/** What the caller sends: `never` when the operation takes no body. */
export type OperationBody<Id extends SuncoOperationId> = InputOf<OperationOf<Id>["body"]>;
/** The query the caller sends, keys as on the wire (`page[after]`, `filter[userId]`…). */
export type OperationQuery<Id extends SuncoOperationId> = InputOf<OperationOf<Id>["query"]>;
/** The parsed success response: `never` when there is no JSON answer. */
export type OperationResponse<Id extends SuncoOperationId> =
  OperationOf<Id>["response"] extends z.ZodType ? z.output<OperationOf<Id>["response"]> : never;

type PathParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParamNames<Rest>
  : never;

/** `{ appId: string; conversationId: string }` for `/v2/apps/{appId}/conversations/{conversationId}`. */
export type OperationPathParams<Id extends SuncoOperationId> = Record<PathParamNames<OperationOf<Id>["path"]>, string>;

/** Fills a path template, encoding each parameter. */
export function operationPath<Id extends SuncoOperationId>(operationId: Id, params: OperationPathParams<Id>): string {
  const values = params as Record<string, string>;
  return SUNCO_OPERATIONS[operationId].path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${operationId} needs the path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

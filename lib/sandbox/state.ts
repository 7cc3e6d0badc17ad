// Everything the sandbox knows, as plain JSON-friendly records in insertion-ordered tables.

/** Flat strings, numbers and booleans, at most 4 KB: the request schemas check that. */
export type Metadata = Record<string, unknown>;
export type Json = Record<string, unknown>;

export interface AccountRecord {
  id: string;
  displayName: string;
  subdomain: string;
}

export interface AppSettings {
  conversationRetentionSeconds?: number;
  maskCreditCardNumbers?: boolean;
  useAnimalNames?: boolean;
  echoPostback?: boolean;
  ignoreAutoConversationStart?: boolean;
  multiConvoEnabled?: boolean;
  appLocalizationEnabled?: boolean;
  endSessionEnabled?: boolean;
  disableConversationReopen?: boolean;
}

export interface AppRecord {
  id: string;
  accountId: string;
  displayName: string;
  subdomain: string;
  settings: AppSettings;
  metadata: Metadata | null;
}

export type KeyScope = "account" | "app" | "integration";

/** An API key: `act_` (account), `app_` (app) or `int_` (custom integration). */
export interface ApiKeyRecord {
  id: string;
  secret: string;
  displayName: string;
  scope: KeyScope;
  accountId: string;
  appId?: string;
  integrationId?: string;
}

export interface IntegrationRecord {
  id: string;
  appId: string;
  type: string;
  status: "active" | "inactive" | "error";
  displayName?: string | null;
  /** Type-specific settings as given, secrets included; write-only ones are never returned. */
  settings: Json;
  /** Set for the integration an OAuth client gets when a tenant allows it (not listed by the REST API). */
  oauthClientId?: string;
  /** Configured in Zendesk Admin Center: the API cannot delete it. */
  adminCenter?: boolean;
}

export interface WebhookRecord {
  id: string;
  appId: string;
  integrationId: string;
  version: "v2";
  target: string;
  triggers: string[];
  secret: string;
  includeFullUser: boolean;
  includeFullSource: boolean;
}

export interface SwitchboardRecord {
  id: string;
  appId: string;
  enabled: boolean;
  defaultSwitchboardIntegrationId?: string;
}

export interface SwitchboardIntegrationRecord {
  id: string;
  appId: string;
  switchboardId: string;
  name: string;
  integrationId: string;
  integrationType: string;
  deliverStandbyEvents: boolean;
  nextSwitchboardIntegrationId: string | null;
  messageHistoryCount: number | null;
}

export interface Profile {
  givenName?: string | null;
  surname?: string | null;
  email?: string | null;
  avatarUrl?: string | null;
  locale?: string | null;
}

export interface Identity {
  type: string;
  value: string;
  verification: string;
}

export interface UserRecord {
  id: string;
  appId: string;
  externalId?: string;
  zendeskId?: string;
  brandId?: string | null;
  authenticated: boolean;
  signedUpAt: string;
  toBeRetained: boolean;
  profile: Profile;
  metadata: Metadata;
  identities: Identity[];
}

export interface ClientRecord {
  id: string;
  appId: string;
  userId: string;
  type: string;
  status: "active" | "blocked" | "inactive" | "pending";
  integrationId: string | null;
  externalId: string | null;
  lastSeen: string | null;
  linkedAt: string | null;
  displayName: string | null;
  avatarUrl: string | null;
  info: Json | null;
  raw: Json | null;
  /** A channel link still pending: how and when it settles (not part of SunCo's client). */
  link?: PendingLink;
}

/** CreateClient's request, kept until the channel answers (on the sandbox clock). */
export interface PendingLink {
  conversationId: string;
  primary: boolean;
  /** Sandbox time (ms) when the channel answers. */
  settlesAt: number;
  /** Set when a channel-link fault says the link does not succeed. */
  failure?: "linkFailed" | "linkCancelled";
}

export interface DeviceRecord {
  id: string;
  appId: string;
  userId: string;
  clientId: string;
  type: "android" | "ios" | "web";
  guid: string;
  status: "active" | "inactive";
  integrationId: string;
  lastSeen: string;
  pushNotificationToken: string | null;
  info: Json | null;
  appVersion: string | null;
}

export interface ConversationRecord {
  id: string;
  appId: string;
  type: "personal" | "sdkGroup";
  isDefault: boolean;
  displayName?: string | null;
  description?: string | null;
  iconUrl?: string | null;
  metadata?: Metadata | null;
  businessLastRead: string | null;
  lastUpdatedAt: string;
  createdAt: string;
  activeSwitchboardIntegrationId?: string;
  pendingSwitchboardIntegrationId?: string;
  /** The last time control went to the Agent Workspace (not part of SunCo's conversation). */
  agentWorkspaceHandoff?: AgentWorkspaceHandoff;
}

/** What the Agent Workspace was told when it got control: the metadata, `first_message_id` among it. */
export interface AgentWorkspaceHandoff {
  at: string;
  switchboardIntegrationId: string;
  metadata: Metadata;
}

export interface ClientAssociation {
  type: string;
  clientId: string;
}

export interface ParticipantRecord {
  id: string;
  appId: string;
  conversationId: string;
  userId: string;
  unreadCount: number;
  clientAssociations: ClientAssociation[];
  lastRead: string | null;
}

export interface MessageAuthor {
  type: "business" | "user";
  subtypes?: string[];
  userId?: string;
  displayName?: string;
  avatarUrl?: string;
}

export interface MessageSource {
  type: string;
  integrationId?: string | null;
  originalMessageId?: string | null;
  originalMessageTimestamp?: string | null;
  /** The client and device the user wrote from: shown in webhooks with includeFullSource only. */
  clientId?: string;
  deviceId?: string;
}

export interface MessageRecord {
  id: string;
  conversationId: string;
  received: string;
  author: MessageAuthor;
  content: Json & { type: string };
  source: MessageSource;
  metadata?: Metadata | null;
  quotedMessage?: Json | null;
  deleted?: boolean;
}

export interface AttachmentRecord {
  id: string;
  appId: string;
  fileName: string;
  mediaType: string;
  mediaSize: number;
  /** The path under the sandbox's base URL that serves the file. */
  path: string;
  conversationId?: string;
  forMessage: boolean;
}

export interface OAuthClientRecord {
  clientId: string;
  clientSecret: string;
  displayName: string;
  redirectUris: string[];
  removeUrl: string;
}

export interface AuthorizationCodeRecord {
  id: string;
  clientId: string;
  appId: string;
  redirectUri: string;
  expiresAt: number;
  used: boolean;
}

/** What an OAuth access token stands for; deleting it revokes every token signed with its key. */
export interface OAuthGrantRecord {
  id: string;
  keyId: string;
  secret: string;
  clientId: string;
  appId: string;
  integrationId: string;
  createdAt: string;
}

export interface DeliveryAttempt {
  number: number;
  startedAt: string;
  durationMs: number;
  status: number | null;
  error?: string;
  /** The X-API-Key sent, when a fault made it wrong. */
  wrongSecret?: boolean;
}

export interface DeliveryRecord {
  id: string;
  kind: "webhook" | "removeUrl";
  appId: string;
  webhookId?: string;
  integrationId?: string;
  target: string;
  eventIds: string[];
  eventTypes: string[];
  body: Json;
  state: "pending" | "retrying" | "delivered" | "failed";
  attempts: DeliveryAttempt[];
  createdAt: string;
  /** Set when a fault sent this delivery more than once or out of order. */
  fault?: string;
}

/** Insertion-ordered records by id. */
export class Table<T extends { id: string }> {
  private readonly rows = new Map<string, T>();

  constructor(rows: Iterable<T> = []) {
    for (const row of rows) this.rows.set(row.id, row);
  }

  get(id: string | undefined | null): T | undefined {
    return id ? this.rows.get(id) : undefined;
  }

  insert(row: T): T {
    this.rows.set(row.id, row);
    return row;
  }

  delete(id: string): boolean {
    return this.rows.delete(id);
  }

  all(): T[] {
    return [...this.rows.values()];
  }

  where(predicate: (row: T) => boolean): T[] {
    const found: T[] = [];
    for (const row of this.rows.values()) if (predicate(row)) found.push(row);
    return found;
  }

  find(predicate: (row: T) => boolean): T | undefined {
    for (const row of this.rows.values()) if (predicate(row)) return row;
    return undefined;
  }

  deleteWhere(predicate: (row: T) => boolean): T[] {
    const removed = this.where(predicate);
    for (const row of removed) this.rows.delete(row.id);
    return removed;
  }

  get size(): number {
    return this.rows.size;
  }

  toJSON(): T[] {
    return this.all();
  }
}

export interface SandboxState {
  accounts: Table<AccountRecord>;
  apps: Table<AppRecord>;
  keys: Table<ApiKeyRecord>;
  integrations: Table<IntegrationRecord>;
  webhooks: Table<WebhookRecord>;
  switchboards: Table<SwitchboardRecord>;
  switchboardIntegrations: Table<SwitchboardIntegrationRecord>;
  users: Table<UserRecord>;
  clients: Table<ClientRecord>;
  devices: Table<DeviceRecord>;
  conversations: Table<ConversationRecord>;
  participants: Table<ParticipantRecord>;
  /** Each conversation's messages, oldest first. */
  messages: Map<string, MessageRecord[]>;
  attachments: Table<AttachmentRecord>;
  oauthClients: Table<OAuthClientRecord & { id: string }>;
  authorizationCodes: Table<AuthorizationCodeRecord>;
  oauthGrants: Table<OAuthGrantRecord>;
  deliveries: Table<DeliveryRecord>;
}

const TABLES = [
  "accounts",
  "apps",
  "keys",
  "integrations",
  "webhooks",
  "switchboards",
  "switchboardIntegrations",
  "users",
  "clients",
  "devices",
  "conversations",
  "participants",
  "attachments",
  "oauthClients",
  "authorizationCodes",
  "oauthGrants",
  "deliveries",
] as const satisfies readonly Exclude<keyof SandboxState, "messages">[];

export type StateSnapshot = { [K in (typeof TABLES)[number]]: ReturnType<SandboxState[K]["all"]> } & {
  messages: Record<string, MessageRecord[]>;
};

export function stateFromSnapshot(snapshot: Partial<StateSnapshot>): SandboxState {
  const tables = Object.fromEntries(TABLES.map((name) => [name, new Table<{ id: string }>(snapshot[name] ?? [])]));
  return { ...tables, messages: new Map(Object.entries(snapshot.messages ?? {})) } as unknown as SandboxState;
}

export function snapshotOf(state: SandboxState): StateSnapshot {
  const tables = Object.fromEntries(TABLES.map((name) => [name, state[name].all()]));
  return { ...tables, messages: Object.fromEntries(state.messages) } as StateSnapshot;
}

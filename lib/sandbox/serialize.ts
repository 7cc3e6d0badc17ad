// Records → the shapes SunCo answers with (REST responses and webhook payloads). Absent optional fields are
// omitted, as in the spec's examples; write-only settings never leave the sandbox.
import { integrationDefaults, writeOnlyFields } from "./integration-types";
import type {
  ApiKeyRecord,
  AppRecord,
  ClientRecord,
  ConversationRecord,
  DeviceRecord,
  IntegrationRecord,
  Json,
  MessageRecord,
  ParticipantRecord,
  SandboxState,
  SwitchboardIntegrationRecord,
  SwitchboardRecord,
  UserRecord,
  WebhookRecord,
} from "./state";

/** Drops undefined values so that JSON answers omit what is not set. */
export function compact<T extends Json>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function omit<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Omit<T, K> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key as K))) as Omit<T, K>;
}

export function appView(app: AppRecord, { withSubdomain = false } = {}) {
  return compact({
    id: app.id,
    displayName: app.displayName,
    settings: app.settings,
    metadata: app.metadata ?? undefined,
    subdomain: withSubdomain ? app.subdomain : undefined,
  });
}

export function keyView(key: ApiKeyRecord) {
  return { id: key.id, displayName: key.displayName, secret: key.secret };
}

export function webhookView(webhook: WebhookRecord) {
  return {
    id: webhook.id,
    version: webhook.version,
    target: webhook.target,
    triggers: webhook.triggers,
    secret: webhook.secret,
    includeFullUser: webhook.includeFullUser,
    includeFullSource: webhook.includeFullSource,
  };
}

export function integrationView(state: SandboxState, integration: IntegrationRecord) {
  const hidden = new Set(writeOnlyFields(integration.type));
  const settings = Object.fromEntries(Object.entries(integration.settings).filter(([key]) => !hidden.has(key)));
  const view: Json = {
    id: integration.id,
    type: integration.type,
    status: integration.status,
    ...(integration.displayName != null ? { displayName: integration.displayName } : {}),
    ...integrationDefaults(integration.type),
    ...settings,
  };
  if (integration.type === "custom") {
    view.webhooks = state.webhooks.where((w) => w.integrationId === integration.id).map(webhookView);
  }
  return view;
}

export function switchboardView(switchboard: SwitchboardRecord) {
  return compact({
    id: switchboard.id,
    enabled: switchboard.enabled,
    defaultSwitchboardIntegrationId: switchboard.defaultSwitchboardIntegrationId,
  });
}

export function switchboardIntegrationView(si: SwitchboardIntegrationRecord) {
  return {
    id: si.id,
    name: si.name,
    integrationId: si.integrationId,
    integrationType: si.integrationType,
    deliverStandbyEvents: si.deliverStandbyEvents,
    nextSwitchboardIntegrationId: si.nextSwitchboardIntegrationId,
    messageHistoryCount: si.messageHistoryCount,
  };
}

export function userTruncatedView(user: UserRecord) {
  return compact({
    id: user.id,
    authenticated: user.authenticated,
    externalId: user.externalId,
    zendeskId: user.zendeskId,
    brandId: user.brandId ?? undefined,
  });
}

export function userView(user: UserRecord) {
  return {
    ...userTruncatedView(user),
    signedUpAt: user.signedUpAt,
    toBeRetained: user.toBeRetained,
    profile: compact({ ...user.profile }),
    metadata: user.metadata,
    identities: user.identities,
  };
}

export function clientView(client: ClientRecord) {
  return {
    id: client.id,
    type: client.type,
    status: client.status,
    integrationId: client.integrationId,
    externalId: client.externalId,
    lastSeen: client.lastSeen,
    linkedAt: client.linkedAt,
    displayName: client.displayName,
    avatarUrl: client.avatarUrl,
    info: client.info,
    raw: client.raw,
  };
}

export function deviceView(device: DeviceRecord) {
  return {
    id: device.id,
    type: device.type,
    guid: device.guid,
    clientId: device.clientId,
    status: device.status,
    integrationId: device.integrationId,
    lastSeen: device.lastSeen,
    pushNotificationToken: device.pushNotificationToken,
    info: device.info,
    appVersion: device.appVersion,
  };
}

function switchboardIntegrationRef(state: SandboxState, id: string | undefined) {
  const si = state.switchboardIntegrations.get(id);
  return si ? { id: si.id, name: si.name, integrationId: si.integrationId, integrationType: si.integrationType } : undefined;
}

export function conversationTruncatedView(state: SandboxState, conversation: ConversationRecord) {
  return compact({
    id: conversation.id,
    type: conversation.type,
    metadata: conversation.metadata ?? undefined,
    activeSwitchboardIntegration: switchboardIntegrationRef(state, conversation.activeSwitchboardIntegrationId),
    pendingSwitchboardIntegration: switchboardIntegrationRef(state, conversation.pendingSwitchboardIntegrationId),
  });
}

export function conversationView(state: SandboxState, conversation: ConversationRecord) {
  return compact({
    ...conversationTruncatedView(state, conversation),
    isDefault: conversation.isDefault,
    displayName: conversation.displayName ?? undefined,
    description: conversation.description ?? undefined,
    iconUrl: conversation.iconUrl ?? undefined,
    businessLastRead: conversation.businessLastRead ?? undefined,
    lastUpdatedAt: conversation.lastUpdatedAt,
    createdAt: conversation.createdAt,
  });
}

export function participantView(state: SandboxState, participant: ParticipantRecord) {
  const user = state.users.get(participant.userId);
  return compact({
    id: participant.id,
    userId: participant.userId,
    unreadCount: participant.unreadCount,
    clientAssociations: participant.clientAssociations,
    userExternalId: user?.externalId,
    lastRead: participant.lastRead ?? undefined,
  });
}

export function messageView(message: MessageRecord) {
  return compact({
    id: message.id,
    received: message.received,
    author: compact({ ...message.author }),
    content: message.content,
    source: compact(omit(message.source, ["clientId", "deviceId"])),
    metadata: message.metadata ?? undefined,
    quotedMessage: message.quotedMessage ?? undefined,
    deleted: message.deleted,
  });
}

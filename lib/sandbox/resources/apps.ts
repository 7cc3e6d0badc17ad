// Apps: their settings' rules, and what deleting an app takes with it.
import type { SandboxContext } from "../context";
import { badRequest } from "../errors";
import type { AppRecord, AppSettings } from "../state";

export const MAX_APPS_PER_ACCOUNT = 10;

/** multiConvoEnabled cannot be turned off once on; the settings that build on it need it. */
export function mergeSettings(current: AppSettings, update: AppSettings): AppSettings {
  const settings = { ...current, ...update };
  if (current.multiConvoEnabled && settings.multiConvoEnabled === false) {
    throw badRequest("multiConvoEnabled cannot be disabled once enabled");
  }
  for (const dependent of ["endSessionEnabled", "disableConversationReopen"] as const) {
    if (settings[dependent] && !settings.multiConvoEnabled) throw badRequest(`${dependent} requires multiConvoEnabled`);
  }
  return settings;
}

export function deleteApp(ctx: SandboxContext, app: AppRecord): void {
  const { state } = ctx;
  const owned = <T extends { appId?: string }>(row: T) => row.appId === app.id;
  for (const conversation of state.conversations.where(owned)) state.messages.delete(conversation.id);
  for (const attachment of state.attachments.where(owned)) ctx.files.delete(attachment.id);
  for (const table of [
    state.keys,
    state.integrations,
    state.webhooks,
    state.switchboards,
    state.switchboardIntegrations,
    state.users,
    state.clients,
    state.devices,
    state.conversations,
    state.participants,
    state.attachments,
    state.authorizationCodes,
    state.oauthGrants,
  ] as const) {
    (table as { deleteWhere(predicate: (row: { appId?: string }) => boolean): unknown }).deleteWhere(owned);
  }
  state.apps.delete(app.id);
  ctx.changed();
}

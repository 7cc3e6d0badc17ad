// Apps (a tenant's SunCo app) and app keys.
import { z } from "zod";
import { displayNameSchema, metadataSchema, paginated, pageQuerySchema, wrapped } from "./common";

export const appSettingsSchema = z.looseObject({
  conversationRetentionSeconds: z.number().int().min(0).optional(),
  maskCreditCardNumbers: z.boolean().optional(),
  useAnimalNames: z.boolean().optional(),
  echoPostback: z.boolean().optional(),
  ignoreAutoConversationStart: z.boolean().optional(),
  /** Irreversible once enabled. */
  multiConvoEnabled: z.boolean().optional(),
  appLocalizationEnabled: z.boolean().optional(),
  /** Needs multiConvoEnabled. */
  endSessionEnabled: z.boolean().optional(),
  /** Needs multiConvoEnabled. */
  disableConversationReopen: z.boolean().optional(),
});

export const appSchema = z.looseObject({
  id: z.string(),
  displayName: displayNameSchema.optional(),
  settings: appSettingsSchema.optional(),
  metadata: metadataSchema.optional(),
});

/** GetApp and GetTokenInfo add the Zendesk subdomain, which a tenant's API base URL is built from. */
export const appWithSubdomainSchema = appSchema.safeExtend({ subdomain: z.string().optional() });

export const appCreateBodySchema = z.object({
  displayName: displayNameSchema.unwrap(),
  settings: appSettingsSchema.optional(),
  metadata: metadataSchema.optional(),
});

export const appUpdateBodySchema = appCreateBodySchema.partial();

/** ListApps: `filter[serviceAccountId]` plus cursor pagination. */
export const listAppsQuerySchema = pageQuerySchema.safeExtend({
  "filter[serviceAccountId]": z.string().optional(),
});

export const appResponseSchema = wrapped("app", appSchema);
export const appWithSubdomainResponseSchema = wrapped("app", appWithSubdomainSchema);
export const appListResponseSchema = paginated("apps", appSchema);

/** An app key's secret is returned on create, get and list alike. */
export const appKeySchema = z.looseObject({
  id: z.string(),
  displayName: z.string(),
  secret: z.string(),
});

export const appKeyCreateBodySchema = z.object({ displayName: displayNameSchema.unwrap() });

export const appKeyResponseSchema = wrapped("key", appKeySchema);
export const appKeyListResponseSchema = wrapped("keys", z.array(appKeySchema));

export type AppSettings = z.infer<typeof appSettingsSchema>;
export type App = z.infer<typeof appSchema>;
export type AppWithSubdomain = z.infer<typeof appWithSubdomainSchema>;
export type AppKey = z.infer<typeof appKeySchema>;

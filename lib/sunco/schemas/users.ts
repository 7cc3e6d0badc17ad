// Users: the end users of a tenant's app, with their profile and connected identities.
import { z } from "zod";
import { invalidMessage, metadataSchema, timestampSchema, webUrlSchema, wrapped } from "./common";

export const profileSchema = z.looseObject({
  givenName: z.string().min(1).max(128).nullable().optional(),
  surname: z.string().min(1).max(128).nullable().optional(),
  email: z.email({ error: invalidMessage("must be an email address") }).min(1).max(128).nullable().optional(),
  avatarUrl: webUrlSchema.max(2048).nullable().optional(),
  /** BCP 47, e.g. fr-CA. */
  locale: z.string().min(1).max(64).nullable().optional(),
});

/** A connected identity such as a verified email; `filter[identities.email]` matches these, not `profile.email`. */
export const identitySchema = z.looseObject({
  type: z.string(),
  value: z.string().min(1).max(128),
  verification: z.string().optional(),
});

// Spec contradiction: one webhook example (conversation:referral) carries `externalId` as a number. Accept it and
// hand out the string every other example shows.
const externalIdSchema = z.union([z.string(), z.number().transform(String)]);

/** The user as most webhook events carry it. */
export const userTruncatedSchema = z.looseObject({
  id: z.string(),
  /** True once authenticated by JWT or through the Help Center. */
  authenticated: z.boolean().optional(),
  externalId: externalIdSchema.nullable().optional(),
  /** Links the messaging user to its core Zendesk user. */
  zendeskId: z.string().nullable().optional(),
  /** Set for brand-separated users. */
  brandId: z.string().nullable().optional(),
});

// The spec examples also show `hasPaymentInfo` and `profile.localeOrigin`, which its schema omits; loose objects keep them.
export const userSchema = userTruncatedSchema.safeExtend({
  signedUpAt: timestampSchema.optional(),
  toBeRetained: z.boolean().optional(),
  profile: profileSchema.optional(),
  metadata: metadataSchema.optional(),
  identities: z.array(identitySchema).optional(),
});

const userWritableShape = {
  signedUpAt: timestampSchema.optional(),
  /** Keep the user after its inactive expiry (deletion schedules for bot-only conversations). */
  toBeRetained: z.boolean().optional(),
  profile: profileSchema.optional(),
  metadata: metadataSchema.optional(),
};

/** CreateUser: no field is required; a duplicate externalId answers 409 `conflict`. */
export const userCreateBodySchema = z.object({
  externalId: z.string().min(1).max(1024).optional(),
  brandId: z.string().min(1).max(24).nullable().optional(),
  ...userWritableShape,
});

export const userUpdateBodySchema = z.object({
  // Rejected rather than silently dropped: the caller clearly meant to change something that can't change.
  externalId: z.never({ error: invalidMessage("cannot be changed once the user exists") }).optional(),
  ...userWritableShape,
});

/** SyncUser: set when the Support users were merged; the outgoing zendeskId is in the path. */
export const syncUserBodySchema = z.object({ survivingZendeskId: z.string().min(1).optional() });

/** Operations on `/users/{userIdOrExternalId}` take `?brandId=` for brand-separated users. */
export const brandIdQuerySchema = z.object({ brandId: z.string().min(1).optional() });

/** ListUsers is a lookup by email identity, not a listing: the filter is required and there is no pagination. */
export const listUsersQuerySchema = brandIdQuerySchema.safeExtend({
  "filter[identities.email]": z.string().min(1),
});

export const userResponseSchema = wrapped("user", userSchema);
export const userListResponseSchema = wrapped("users", z.array(userSchema));

export type Profile = z.infer<typeof profileSchema>;
export type Identity = z.infer<typeof identitySchema>;
export type UserTruncated = z.infer<typeof userTruncatedSchema>;
export type User = z.infer<typeof userSchema>;

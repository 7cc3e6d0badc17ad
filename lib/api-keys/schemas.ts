// What an owner or admin gives when creating an API key.
import { z } from "zod";
import { API_SCOPES } from "@/lib/auth/actor";
import { optionalTextSchema } from "@/lib/validation";

export const apiKeyIdSchema = z.string().min(1).max(64);

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  scopes: z.array(z.enum(API_SCOPES, { error: "must be read, send or manage" })).min(1, "choose at least one").transform((scopes) => [...new Set(scopes)]),
  /** Optional: the key stops working at this moment. */
  expiresAt: optionalTextSchema(z.coerce.date({ error: "is not a date" }).refine((date) => date.getTime() > Date.now(), "must be in the future")),
});

export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

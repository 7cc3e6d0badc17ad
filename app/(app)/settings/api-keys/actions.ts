"use server";

import { formInput } from "@/lib/actions/action";
import { memberAction } from "@/lib/actions/member-action";
import { apiKeyIdSchema, createApiKey, createApiKeySchema, revokeApiKey } from "@/lib/api-keys";

const PAGE = "/settings/api-keys";

/** Answers with the key itself: the one time anyone sees it. */
export const createApiKeyAction = memberAction(createApiKeySchema, "admin", createApiKey, {
  input: formInput({ lists: ["scopes"] }),
  revalidate: PAGE,
  returns: ({ key, apiKey }) => ({ key, name: apiKey.name, prefix: apiKey.prefix }),
  message: "API key created. Copy it now: it will not be shown again.",
});

export const revokeApiKeyAction = memberAction(apiKeyIdSchema, "admin", revokeApiKey, { field: "id", revalidate: PAGE, message: "API key revoked." });

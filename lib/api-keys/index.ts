// An organization's API keys for /api/v1: created, listed and revoked by owners and admins, and verified on each call.
export { createApiKeySchema, apiKeyIdSchema, type CreateApiKeyInput } from "./schemas";
export { createApiKey, keyState, listApiKeys, revokeApiKey, type ApiKeyState, type ApiKeyView } from "./manage-api-keys";
export { auditRefusedUse, authenticateApiKey } from "./authenticate";

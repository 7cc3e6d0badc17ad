import { describe, expect, it } from "vitest";
import { maskSecrets } from "@/lib/audit/mask";

describe("audit masking", () => {
  it("masks values under secret-looking keys at any depth and leaves the rest", () => {
    expect(
      maskSecrets({
        webhook: { id: "w1", secret: "8564b3e6a8b20a4bdb68b05ce9bc5936", triggers: ["conversation:message"] },
        keys: [{ id: "app_1", secret: "abcdefghijklmnop" }],
        accessToken: "eyJhbGciOiJIUzI1NiJ9.payload.signature",
        apiKeySecret: null,
        name: "Support",
      }),
    ).toEqual({
      webhook: { id: "w1", secret: "••••5936", triggers: ["conversation:message"] },
      keys: [{ id: "app_1", secret: "••••mnop" }],
      accessToken: "••••ture",
      apiKeySecret: null,
      name: "Support",
    });
  });
});

describe("secret-looking names", () => {
  const secret = "0123456789abcdef-secret-value";
  const masked = "••••alue";

  it("mask key-like names in every casing: camelCase, kebab-case, snake_case, header names and run-together words", () => {
    const names = [
      "key", "keys", "Key", "apiKey", "api-key", "x-api-key", "X-API-Key", "APIKey", "keySecret", "privateKey",
      "private_key", "secretKey", "signingKey", "serverKey", "accessKey", "consumerKey", "ENCRYPTION_KEYS",
      "signing-key", "xapikey", "privatekey",
    ];
    const record = Object.fromEntries(names.map((name) => [name, secret]));
    expect(maskSecrets(record)).toEqual(Object.fromEntries(names.map((name) => [name, masked])));
  });

  it("leave words that merely contain the letters, and a key's id or name, alone", () => {
    const record = { keyboard: "qwerty", monkey: "George", turkey: "roast", hockey: "ice", keyId: "app_123", apiKeyId: "app_456", keyName: "Production", keynote: "talk" };
    expect(maskSecrets(record)).toEqual(record);
  });

  it("mask the webhook event log's X-API-Key header as the audit log's fields", () => {
    expect(maskSecrets({ headers: { "x-api-key": secret, "content-type": "application/json" } })).toEqual({
      headers: { "x-api-key": masked, "content-type": "application/json" },
    });
  });
});

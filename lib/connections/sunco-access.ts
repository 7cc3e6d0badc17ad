// The SunCo client for a stored connection: its decrypted credentials, region and app, with metrics, and a
// 401 from SunCo moving the connection to needs_reauth wherever the call came from.
import type { Connection } from "@/lib/db/generated/client";
import { recordSuncoCall } from "@/lib/observability/sunco-observer";
import { createSuncoClient, type SuncoClient, type SuncoCredentials, type SuncoRegion } from "@/lib/sunco";
import { ConflictError } from "@/lib/errors";
import { noticeUnauthorized } from "./health";
import { openConnectionSecret } from "./secrets";

export type ConnectionCredentials = Pick<
  Connection,
  "id" | "organizationId" | "appId" | "authType" | "apiKeyId" | "subdomain" | "region" | "encryptedAccessToken" | "encryptedApiKeySecret"
>;

export function regionOf(connection: { subdomain: string | null; region: string | null }): SuncoRegion | undefined {
  if (connection.subdomain) return { subdomain: connection.subdomain };
  if (connection.region === "us" || connection.region === "eu") return connection.region;
  return undefined;
}

function credentialsOf(connection: ConnectionCredentials): SuncoCredentials {
  if (connection.authType === "oauth") {
    const accessToken = openConnectionSecret(connection, "encryptedAccessToken");
    if (accessToken) return { type: "oauth", accessToken };
  } else {
    const secret = openConnectionSecret(connection, "encryptedApiKeySecret");
    if (secret && connection.apiKeyId) {
      return { type: connection.authType === "api_key_jwt" ? "jwt" : "basic", keyId: connection.apiKeyId, secret };
    }
  }
  throw new ConflictError("This connection has no credentials any more. Connect it again.");
}

export function clientForConnection(connection: ConnectionCredentials): SuncoClient {
  return createSuncoClient({
    appId: connection.appId,
    credentials: credentialsOf(connection),
    region: regionOf(connection),
    observer: {
      onCall(event) {
        recordSuncoCall(event);
        if (event.status === 401) noticeUnauthorized(connection, event.operation);
      },
    },
  });
}

// A user's clients (the channels they are reached on) and devices: each row replaced by a newer snapshot only.
import type { SqlExecutor } from "@/lib/db";
import { rowKey, type ReadModelChanges } from "../read-model-changes";
import { json } from "./sql";

// A client or device of a user whose data was erased is not written back.
const UPSERT_CLIENTS = `
  INSERT INTO "SuncoClient" AS k ("connectionId", "suncoClientId", "userId", "type", "status", "integrationId", "externalId",
    "displayName", "avatarUrl", "info", "raw", "lastSeenAt", "linkedAt", "snapshotAt", "removedAt", "removedReason")
  SELECT v."connectionId", v."suncoClientId", v."userId", v."type", v."status", v."integrationId", v."externalId",
         v."displayName", v."avatarUrl", v."info", v."raw", v."lastSeenAt", v."linkedAt", v."snapshotAt", v."removedAt",
         v."removedReason"
    FROM jsonb_to_recordset($1::jsonb) AS v("connectionId" text, "suncoClientId" text, "userId" uuid, "type" text,
      "status" text, "integrationId" text, "externalId" text, "displayName" text, "avatarUrl" text, "info" jsonb,
      "raw" jsonb, "lastSeenAt" timestamptz, "linkedAt" timestamptz, "snapshotAt" timestamptz, "removedAt" timestamptz,
      "removedReason" text)
    JOIN "SuncoUser" u ON u."id" = v."userId" AND u."removedAt" IS NULL
  ON CONFLICT ("connectionId", "suncoClientId") DO UPDATE SET
    ("userId", "type", "status", "integrationId", "externalId", "displayName", "avatarUrl", "info", "raw", "lastSeenAt",
     "linkedAt", "snapshotAt", "removedAt", "removedReason") =
    (EXCLUDED."userId", EXCLUDED."type", EXCLUDED."status", EXCLUDED."integrationId", EXCLUDED."externalId",
     EXCLUDED."displayName", EXCLUDED."avatarUrl", EXCLUDED."info", EXCLUDED."raw", EXCLUDED."lastSeenAt",
     EXCLUDED."linkedAt", EXCLUDED."snapshotAt", EXCLUDED."removedAt", EXCLUDED."removedReason")
  WHERE EXCLUDED."snapshotAt" > k."snapshotAt"`;

export async function writeClients(tx: SqlExecutor, changes: ReadModelChanges, userIds: Map<string, string>) {
  const rows = [...changes.clients.values()].flatMap((change) => {
    const userId = userIds.get(rowKey(change.connectionId, change.suncoUserId));
    if (!userId) return [];
    const { client, removedReason } = change.snapshot.value;
    return [
      {
        connectionId: change.connectionId,
        suncoClientId: change.suncoClientId,
        userId,
        type: client.type,
        status: client.status,
        integrationId: client.integrationId ?? null,
        externalId: client.externalId ?? null,
        displayName: client.displayName ?? null,
        avatarUrl: client.avatarUrl ?? null,
        info: client.info ?? null,
        raw: client.raw ?? null,
        lastSeenAt: client.lastSeen ?? null,
        linkedAt: client.linkedAt ?? null,
        snapshotAt: change.snapshot.at,
        removedAt: removedReason ? change.snapshot.at : null,
        removedReason,
      },
    ];
  });
  if (rows.length > 0) await tx.query(UPSERT_CLIENTS, [json(rows)]);
}

const UPSERT_DEVICES = `
  INSERT INTO "SuncoDevice" AS d ("connectionId", "suncoDeviceId", "userId", "suncoClientId", "type", "guid", "status",
    "integrationId", "appVersion", "info", "lastSeenAt", "snapshotAt")
  SELECT v."connectionId", v."suncoDeviceId", v."userId", v."suncoClientId", v."type", v."guid", v."status",
         v."integrationId", v."appVersion", v."info", v."lastSeenAt", v."snapshotAt"
    FROM jsonb_to_recordset($1::jsonb) AS v("connectionId" text, "suncoDeviceId" text, "userId" uuid, "suncoClientId" text,
      "type" text, "guid" text, "status" text, "integrationId" text, "appVersion" text, "info" jsonb,
      "lastSeenAt" timestamptz, "snapshotAt" timestamptz)
    JOIN "SuncoUser" u ON u."id" = v."userId" AND u."removedAt" IS NULL
  ON CONFLICT ("connectionId", "suncoDeviceId") DO UPDATE SET
    ("userId", "suncoClientId", "type", "guid", "status", "integrationId", "appVersion", "info", "lastSeenAt", "snapshotAt") =
    (EXCLUDED."userId", EXCLUDED."suncoClientId", EXCLUDED."type", EXCLUDED."guid", EXCLUDED."status",
     EXCLUDED."integrationId", EXCLUDED."appVersion", EXCLUDED."info", EXCLUDED."lastSeenAt", EXCLUDED."snapshotAt")
  WHERE EXCLUDED."snapshotAt" > d."snapshotAt"`;

export async function writeDevices(tx: SqlExecutor, changes: ReadModelChanges, userIds: Map<string, string>) {
  const rows = [...changes.devices.values()].flatMap((change) => {
    const userId = userIds.get(rowKey(change.connectionId, change.suncoUserId));
    if (!userId) return [];
    // Not the push token: a credential for the tenant's push provider, not something an inbox shows.
    const device = change.snapshot.value;
    return [
      {
        connectionId: change.connectionId,
        suncoDeviceId: change.suncoDeviceId,
        userId,
        suncoClientId: device.clientId ?? null,
        type: device.type,
        guid: device.guid ?? null,
        status: device.status,
        integrationId: device.integrationId ?? null,
        appVersion: device.appVersion ?? null,
        info: device.info ?? null,
        lastSeenAt: device.lastSeen ?? null,
        snapshotAt: change.snapshot.at,
      },
    ];
  });
  if (rows.length > 0) await tx.query(UPSERT_DEVICES, [json(rows)]);
}

// Users: one guarded upsert for the batch (each field group moves only for a newer SunCo snapshot, erased data stays
// erased), returning the id of every user the batch names, and "user.updated" for those it changed.
import { statement, type SqlExecutor } from "@/lib/db";
import type { ConversationLiveEvent } from "../live-events";
import { rowKey, type ReadModelChanges } from "../read-model-changes";
import { guarded, inLockOrder, json, timeOfConflicting, timesByRow } from "./sql";

/** Each user the batch names, `written` where the statement changed it (a changed user comes back twice). */
interface UserIdRow {
  id: string;
  connectionId: string;
  suncoUserId: string;
  organizationId: string;
  written: boolean;
}

const UPSERT_USERS = statement<UserIdRow>(
  `
  WITH v AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(
      "organizationId" text, "connectionId" text, "suncoUserId" text,
      "coreAt" timestamptz, "authenticated" boolean, "externalId" text, "zendeskId" text, "brandId" text,
      "profileAt" timestamptz, "givenName" text, "surname" text, "email" text, "avatarUrl" text, "locale" text,
      "signedUpAt" timestamptz, "metadata" jsonb, "identities" jsonb, "displayName" text)
  ), written AS (
    INSERT INTO "SuncoUser" AS u ("organizationId", "connectionId", "suncoUserId", "coreAt", "authenticated", "externalId",
      "zendeskId", "brandId", "profileAt", "givenName", "surname", "email", "avatarUrl", "locale", "signedUpAt", "metadata",
      "identities", "displayName")
    SELECT "organizationId", "connectionId", "suncoUserId", "coreAt", "authenticated", "externalId", "zendeskId", "brandId",
      "profileAt", "givenName", "surname", "email", "avatarUrl", "locale", "signedUpAt", "metadata", "identities", "displayName"
      FROM v
    ON CONFLICT ("connectionId", "suncoUserId") DO UPDATE SET
    ${guarded(`EXCLUDED."coreAt" > COALESCE(u."coreAt", '-infinity')`, "u", ["authenticated", "externalId", "zendeskId", "brandId"])},
    "coreAt" = GREATEST(u."coreAt", EXCLUDED."coreAt"),
    ${guarded(`EXCLUDED."profileAt" > COALESCE(u."profileAt", '-infinity')`, "u", [
      "givenName", "surname", "email", "avatarUrl", "locale", "signedUpAt", "metadata", "identities",
    ])},
    "profileAt" = GREATEST(u."profileAt", EXCLUDED."profileAt"),
    -- A name from a message counts unless something newer than that message already described the user.
    "displayName" = CASE WHEN EXCLUDED."displayName" IS NOT NULL
                          AND ${timeOfConflicting("$2", "suncoUserId")} >= COALESCE(u."coreAt", '-infinity')
                         THEN EXCLUDED."displayName" ELSE u."displayName" END
    -- Erased personal data stays erased, whatever arrives late.
    WHERE u."removedAt" IS NULL AND (
      EXCLUDED."coreAt" > COALESCE(u."coreAt", '-infinity')
      OR EXCLUDED."profileAt" > COALESCE(u."profileAt", '-infinity')
      OR (EXCLUDED."displayName" IS NOT NULL AND EXCLUDED."displayName" IS DISTINCT FROM u."displayName"))
    RETURNING u."id", u."connectionId", u."suncoUserId", u."organizationId"
  )
  SELECT "id", "connectionId", "suncoUserId", "organizationId", true AS "written" FROM written
  UNION ALL
  SELECT u."id", u."connectionId", u."suncoUserId", u."organizationId", false
    FROM "SuncoUser" u JOIN v ON u."connectionId" = v."connectionId" AND u."suncoUserId" = v."suncoUserId"`,
  { id: "string", connectionId: "string", suncoUserId: "string", organizationId: "string", written: "boolean" },
);

export async function writeUsers(tx: SqlExecutor, changes: ReadModelChanges, live: ConversationLiveEvent[]) {
  const rows = inLockOrder([...changes.users.values()].map((user) => ({
    organizationId: user.organizationId,
    connectionId: user.connectionId,
    suncoUserId: user.suncoUserId,
    coreAt: user.core?.at ?? null,
    ...user.core?.value,
    profileAt: user.profile?.at ?? null,
    ...user.profile?.value,
    displayNameAt: user.displayName?.at ?? null,
    displayName: user.displayName?.value ?? null,
  })), (row) => row.suncoUserId);
  const ids = new Map<string, string>();
  if (rows.length === 0) return ids;
  const nameTimes = timesByRow(rows.map((row) => [row.connectionId, row.suncoUserId, row.displayNameAt]));
  const { rows: result } = await tx.query(UPSERT_USERS, [json(rows), nameTimes]);
  for (const row of result) {
    const k = rowKey(row.connectionId, row.suncoUserId);
    if (row.written && changes.users.get(k)?.announce) {
      live.push({ organizationId: row.organizationId, type: "user.updated", data: { userId: row.id } });
    }
    ids.set(k, row.id);
  }
  return ids;
}

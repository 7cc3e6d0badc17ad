-- Reports (lib/reports): the organization's time zone, business hours per team, and per conversation the moments the
-- time metrics are measured between, kept by the read model's writers, with the durations already counted in
-- business hours, so that a report reads conversations by index and never scans messages.

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN "timeZone" TEXT NOT NULL DEFAULT 'UTC';

-- { "timeZone": "Europe/Paris", "days": [{ "day": 1, "from": "09:00", "to": "17:00" }, …] }, ISO weekdays (1 = Monday).
-- AlterTable
ALTER TABLE "Team" ADD COLUMN "businessHours" JSONB;

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "firstUserMessageAt" TIMESTAMPTZ(3),
ADD COLUMN "firstResponseAt" TIMESTAMPTZ(3),
ADD COLUMN "firstResponseSeconds" DOUBLE PRECISION,
ADD COLUMN "resolvedAt" TIMESTAMPTZ(3),
ADD COLUMN "resolutionSeconds" DOUBLE PRECISION;

-- A report reads the conversations opened in its period, and those resolved in it, from these indexes alone (an
-- index-only scan: a busy tenant's period holds tens of thousands of conversations, whose wide rows it never reads).
-- CreateIndex
CREATE INDEX "Conversation_organizationId_createdAt_idx" ON "Conversation"("organizationId", "createdAt")
  INCLUDE ("connectionId", "assigneeId", "firstResponseSeconds");

-- CreateIndex
CREATE INDEX "Conversation_organizationId_resolvedAt_idx" ON "Conversation"("organizationId", "resolvedAt")
  INCLUDE ("connectionId", "assigneeId", "resolutionSeconds") WHERE "resolvedAt" IS NOT NULL;

-- The seconds from `start_at` to `end_at` that fall inside the weekly hours (every second when `hours` is null). Each
-- local day between the two is met once, its opening hours turned into instants in the hours' time zone (so a
-- daylight-saving change is counted as the clock on the wall shows it).
CREATE FUNCTION "business_seconds"(start_at timestamptz, end_at timestamptz, hours jsonb) RETURNS double precision
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN start_at IS NULL OR end_at IS NULL THEN NULL
    WHEN end_at <= start_at THEN 0::double precision
    WHEN hours IS NULL THEN extract(epoch FROM end_at - start_at)::double precision
    ELSE COALESCE((
      SELECT sum(GREATEST(0, extract(epoch FROM
               LEAST(end_at, (d.day + (w->>'to')::time) AT TIME ZONE (hours->>'timeZone'))
             - GREATEST(start_at, (d.day + (w->>'from')::time) AT TIME ZONE (hours->>'timeZone')))))
        FROM generate_series((start_at AT TIME ZONE (hours->>'timeZone'))::date::timestamp,
                             (end_at AT TIME ZONE (hours->>'timeZone'))::date::timestamp, interval '1 day') AS d(day)
        JOIN jsonb_array_elements(hours->'days') AS w ON (w->>'day')::int = extract(isodow FROM d.day)::int
    ), 0)::double precision
  END
$$;

-- The business hours a connection's conversations are measured by: those of the oldest team serving it that has some.
CREATE FUNCTION "connection_business_hours"(connection_id text) RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT t."businessHours"
    FROM "TeamConnection" tc JOIN "Team" t ON t."id" = tc."teamId"
   WHERE tc."connectionId" = connection_id AND t."businessHours" IS NOT NULL
   ORDER BY t."createdAt", t."id"
   LIMIT 1
$$;

-- Backfill: the first end-user message, the business's first message after it, and for a resolved conversation its
-- last activity as the moment it was resolved (the best the history tells).
UPDATE "Conversation" c SET
  "firstUserMessageAt" = f."firstUser",
  "firstResponseAt" = (SELECT min(m."receivedAt") FROM "Message" m
                        WHERE m."conversationId" = c."id" AND m."authorType" = 'business' AND m."receivedAt" > f."firstUser")
  FROM (SELECT m."conversationId", min(m."receivedAt") AS "firstUser" FROM "Message" m WHERE m."authorType" = 'user' GROUP BY 1) f
 WHERE f."conversationId" = c."id";

UPDATE "Conversation" SET "resolvedAt" = "lastActivityAt" WHERE "status" = 'resolved';

UPDATE "Conversation" SET
  "firstResponseSeconds" = "business_seconds"("firstUserMessageAt", "firstResponseAt", "connection_business_hours"("connectionId")),
  "resolutionSeconds" = "business_seconds"("createdAt", "resolvedAt", "connection_business_hours"("connectionId"))
 WHERE "firstResponseAt" IS NOT NULL OR "resolvedAt" IS NOT NULL;

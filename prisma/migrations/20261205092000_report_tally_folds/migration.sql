-- What each fold of the report tallies rewrote (lib/reports/tallies.ts): the earliest local day. The tallies before a
-- day change only when a fold reaches back before it, which today's conversations never do: so an app instance keeps
-- the tallies it read before past days, and reads them again only when this log says a fold reached back past them.
-- Folds of one organization hold its advisory lock until they commit, so its versions commit in order.
-- CreateTable
CREATE TABLE "ReportTallyFold" (
    "version" BIGSERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "firstDay" DATE NOT NULL,
    "foldedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportTallyFold_pkey" PRIMARY KEY ("version")
);

-- CreateIndex
CREATE INDEX "ReportTallyFold_organizationId_version_idx" ON "ReportTallyFold"("organizationId", "version");

-- CreateIndex
CREATE INDEX "ReportTallyFold_foldedAt_idx" ON "ReportTallyFold"("foldedAt");

-- Counting again from the conversations rewrites every day.
CREATE OR REPLACE FUNCTION "report_tally_restart"(organization_id text) RETURNS void
LANGUAGE sql VOLATILE AS $$
  WITH cleared AS (DELETE FROM "ReportTally" WHERE "organizationId" = organization_id),
       dropped AS (DELETE FROM "ReportTallyChange" WHERE "organizationId" = organization_id),
       logged AS (INSERT INTO "ReportTallyFold" ("organizationId", "firstDay") VALUES (organization_id, '-infinity'))
  INSERT INTO "ReportTallyChange" ("organizationId", "measure", "at", "connectionId", "assigneeId", "sign", "seconds")
  SELECT c."organizationId", x."measure", x."at", c."connectionId", c."assigneeId", 1, x."seconds"
    FROM "Conversation" c CROSS JOIN LATERAL "report_tally_contributions"(c) x
   WHERE c."organizationId" = organization_id
$$;

-- A time-zone change counts the organization's tallies again, in its own transaction, under the lock folds take
-- (lib/reports/tallies.ts FOLD_LOCK_CLASS 0x7274): two admins changing the zone at once, or a crash between the two,
-- can never leave tallies counted in another zone than the organization's. No deadlock with a fold: its foreign-key
-- check takes KEY SHARE on the organization's row, which the update's NO KEY UPDATE does not block.
CREATE FUNCTION "organization_time_zone_restart"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(29300, hashtext(NEW."id"));
  PERFORM "report_tally_restart"(NEW."id");
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Organization_time_zone_tallies" AFTER UPDATE OF "timeZone" ON "Organization"
  FOR EACH ROW WHEN (OLD."timeZone" IS DISTINCT FROM NEW."timeZone")
  EXECUTE FUNCTION "organization_time_zone_restart"();

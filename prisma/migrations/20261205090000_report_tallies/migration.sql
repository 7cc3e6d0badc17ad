-- Report tallies (lib/reports/tallies.ts): cumulative counts and duration histograms per organization, measure,
-- dimension and key, by local day, so that a report over any period reads two rows per key (the tallies before its
-- first day and before the day after its last) however many conversations the period holds.
--
-- Writers of "Conversation" never touch the tallies: a row trigger appends each change of what a report counts to
-- "ReportTallyChange" (insert-only, so no writer waits on another or on a tally row), and folding those changes into
-- "ReportTally" is one set-based statement run by housekeeping and before each report.

-- A change to fold: one conversation's contribution to a measure, added (sign 1) or taken back (sign -1). Its
-- organization is not a foreign key: a change outliving its organization is dropped when folded.
-- CreateTable
CREATE TABLE "ReportTallyChange" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "connectionId" TEXT NOT NULL,
    "assigneeId" TEXT,
    "sign" SMALLINT NOT NULL,
    "seconds" DOUBLE PRECISION,

    CONSTRAINT "ReportTallyChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportTallyChange_organizationId_id_idx" ON "ReportTallyChange"("organizationId", "id");

-- Everything counted up to and including `day` (local to the organization's time zone): `count` conversations, of
-- which `measured` have a duration, and `buckets[i]` of those a duration in bucket i (report_bucket). A key has a row
-- for each day something of it changed; the tally before a day is its latest row before that day.
-- CreateTable
CREATE TABLE "ReportTally" (
    "organizationId" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL,
    "measured" INTEGER NOT NULL,
    "buckets" INTEGER[],

    CONSTRAINT "ReportTally_pkey" PRIMARY KEY ("organizationId","measure","dimension","key","day")
);

-- AddForeignKey
ALTER TABLE "ReportTally" ADD CONSTRAINT "ReportTally_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The histogram bucket of a duration: bucket 1 holds 0 s (a span wholly outside business hours: common), bucket 2
-- (0 s, 1 s), bucket i ≥ 3 holds [1.1^(i-3), 1.1^(i-2)) seconds, so a bucket is 10% wide at any scale; the last, 201,
-- also holds everything longer (about 5 years), and a value that is no number at all (NaN, infinity) rather than
-- failing the fold. lib/reports/histogram.ts reads the buckets by the same bounds.
CREATE FUNCTION "report_bucket"(seconds double precision) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN seconds <= 0 THEN 1 WHEN seconds < 1 THEN 2
              ELSE LEAST(201::double precision, 3 + floor(ln(seconds) / ln(1.1)))::integer END
$$;

-- Element-wise sum of two arrays of counts (the shorter read as ending in zeros), and its aggregate.
CREATE FUNCTION "int_array_add"(a integer[], b integer[]) RETURNS integer[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ARRAY(SELECT COALESCE(x, 0) + COALESCE(y, 0) FROM unnest(a, b) AS u(x, y))
$$;

CREATE AGGREGATE "int_array_sum"(integer[]) (SFUNC = "int_array_add", STYPE = integer[], INITCOND = '{}');

-- The histogram of (bucket, count) pairs: element `bucket` gains `n` (a null bucket, an unmeasured duration, adds
-- nothing). Elements never added to may be null; int_array_add reads them as 0.
CREATE FUNCTION "report_buckets_put"(counts integer[], bucket integer, n integer) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF bucket IS NOT NULL THEN
    counts[bucket] := COALESCE(counts[bucket], 0) + n;
  END IF;
  RETURN counts;
END;
$$;

-- Starts from {0}: assigning past the end of a non-empty array pads it, where an empty one would start at `bucket`.
CREATE AGGREGATE "report_buckets"(integer, integer) (SFUNC = "report_buckets_put", STYPE = integer[], INITCOND = '{0}');

-- What a conversation counts for in reports: opened when it was created (measured by its first response, in business
-- seconds), and resolved when it was resolved (measured by its resolution time).
CREATE FUNCTION "report_tally_contributions"(c "Conversation")
RETURNS TABLE("measure" text, "at" timestamptz, "seconds" double precision)
LANGUAGE sql IMMUTABLE AS $$
  SELECT v.* FROM (VALUES ('opened', c."createdAt", c."firstResponseSeconds"), ('resolved', c."resolvedAt", c."resolutionSeconds"))
    AS v("measure", "at", "seconds")
   WHERE v."at" IS NOT NULL
$$;

CREATE FUNCTION "report_tally_change"() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO "ReportTallyChange" ("organizationId", "measure", "at", "connectionId", "assigneeId", "sign", "seconds")
    SELECT OLD."organizationId", x."measure", x."at", OLD."connectionId", OLD."assigneeId", -1, x."seconds"
      FROM "report_tally_contributions"(OLD) x;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO "ReportTallyChange" ("organizationId", "measure", "at", "connectionId", "assigneeId", "sign", "seconds")
    SELECT NEW."organizationId", x."measure", x."at", NEW."connectionId", NEW."assigneeId", 1, x."seconds"
      FROM "report_tally_contributions"(NEW) x;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Conversation_report_tally_insert" AFTER INSERT ON "Conversation"
  FOR EACH ROW EXECUTE FUNCTION "report_tally_change"();

-- Only when something a report counts changed: the WHEN clause costs the webhook path's message updates nothing more.
CREATE TRIGGER "Conversation_report_tally_update"
  AFTER UPDATE OF "organizationId", "connectionId", "assigneeId", "createdAt", "firstResponseSeconds", "resolvedAt", "resolutionSeconds"
  ON "Conversation"
  FOR EACH ROW
  WHEN (OLD."organizationId" IS DISTINCT FROM NEW."organizationId" OR OLD."connectionId" IS DISTINCT FROM NEW."connectionId"
     OR OLD."assigneeId" IS DISTINCT FROM NEW."assigneeId" OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt"
     OR OLD."firstResponseSeconds" IS DISTINCT FROM NEW."firstResponseSeconds" OR OLD."resolvedAt" IS DISTINCT FROM NEW."resolvedAt"
     OR OLD."resolutionSeconds" IS DISTINCT FROM NEW."resolutionSeconds")
  EXECUTE FUNCTION "report_tally_change"();

CREATE TRIGGER "Conversation_report_tally_delete" AFTER DELETE ON "Conversation"
  FOR EACH ROW EXECUTE FUNCTION "report_tally_change"();

-- Counts an organization's tallies again from its conversations (after its time zone changed, or for the first time):
-- its tallies and pending changes give way to one change per contribution, folded as any other. One statement, so
-- that a conversation written meanwhile is counted once, by this snapshot or by its own change.
CREATE FUNCTION "report_tally_restart"(organization_id text) RETURNS void
LANGUAGE sql VOLATILE AS $$
  WITH cleared AS (DELETE FROM "ReportTally" WHERE "organizationId" = organization_id),
       dropped AS (DELETE FROM "ReportTallyChange" WHERE "organizationId" = organization_id)
  INSERT INTO "ReportTallyChange" ("organizationId", "measure", "at", "connectionId", "assigneeId", "sign", "seconds")
  SELECT c."organizationId", x."measure", x."at", c."connectionId", c."assigneeId", 1, x."seconds"
    FROM "Conversation" c CROSS JOIN LATERAL "report_tally_contributions"(c) x
   WHERE c."organizationId" = organization_id
$$;

SELECT "report_tally_restart"("id") FROM "Organization";

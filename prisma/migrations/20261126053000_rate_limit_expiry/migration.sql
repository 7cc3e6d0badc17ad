-- Each rate-limit window records when it ends, so that housekeeping can delete counters nobody can still hit
-- (lib/rate-limit.ts). Existing windows were at most 15 minutes long: a day is a safe end for them.
-- AlterTable
ALTER TABLE "RateLimit" ADD COLUMN "expiresAt" TIMESTAMPTZ(3);
UPDATE "RateLimit" SET "expiresAt" = "windowStartedAt" + interval '1 day';
ALTER TABLE "RateLimit" ALTER COLUMN "expiresAt" SET NOT NULL;

-- CreateIndex
CREATE INDEX "RateLimit_expiresAt_idx" ON "RateLimit"("expiresAt");

-- Housekeeping fails channel links left pending past their timeout (lib/outreach expireUnansweredChannelLinks) every
-- minute: this index holds only the pending ones, so that sweep reads a handful of rows, not every link ever made.
CREATE INDEX "ChannelLink_pending_createdAt_idx" ON "ChannelLink"("createdAt") WHERE "state" = 'pending';

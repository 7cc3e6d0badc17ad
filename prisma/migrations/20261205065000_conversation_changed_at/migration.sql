-- When Sunbridge last saw a conversation change (the partner API's updatedSince): its status, assignee, labels, snooze,
-- a message or activity. One trigger owns the rule, so that every writer of these columns (the inbox's selection
-- changes, snoozes, auto-assignment, the read model, the outbox) keeps it without knowing of it. Existing rows start at
-- the migration's time (no table rewrite): a partner polling across it sees them once more.
ALTER TABLE "Conversation" ADD COLUMN "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

CREATE FUNCTION "conversation_changed_at"() RETURNS trigger AS $$
BEGIN
  NEW."changedAt" := clock_timestamp();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Conversation_changed_at"
  BEFORE UPDATE OF "status", "assigneeId", "labelIds", "snoozedUntil", "lastMessageAt", "lastActivityAt" ON "Conversation"
  FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."assigneeId" IS DISTINCT FROM NEW."assigneeId"
     OR OLD."labelIds" IS DISTINCT FROM NEW."labelIds" OR OLD."snoozedUntil" IS DISTINCT FROM NEW."snoozedUntil"
     OR OLD."lastMessageAt" IS DISTINCT FROM NEW."lastMessageAt" OR OLD."lastActivityAt" IS DISTINCT FROM NEW."lastActivityAt")
  EXECUTE FUNCTION "conversation_changed_at"();

-- Metadata fields an admin configures per connection, sent with every pass or offer of control (e.g. a ticket
-- priority for the Zendesk Agent Workspace). Null: none.
-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "handoffMetadata" JSONB;

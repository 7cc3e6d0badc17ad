-- Trigram indexes for the inbox's search (substring matches on names, emails and message text). pg_trgm ships with
-- PostgreSQL's contrib and is a trusted extension (a database owner may create it); PGlite loads it in the driver.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "OutboxState" AS ENUM ('pending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" UUID NOT NULL,
    "organizationId" TEXT NOT NULL,
    "conversationId" UUID NOT NULL,
    "authorId" TEXT,
    "body" JSONB NOT NULL,
    "state" "OutboxState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "suncoMessageId" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationDraft" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "conversationId" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConversationDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationNote" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" TEXT NOT NULL,
    "conversationId" UUID NOT NULL,
    "authorId" TEXT,
    "authorName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConversationNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedReply" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SavedReply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OutboxMessage_conversationId_idx" ON "OutboxMessage"("conversationId");

-- CreateIndex
CREATE INDEX "OutboxMessage_authorId_idx" ON "OutboxMessage"("authorId");

-- CreateIndex: the outbox depth gauge counts these.
CREATE INDEX "OutboxMessage_pending_idx" ON "OutboxMessage"("createdAt") WHERE "state" = 'pending';

-- CreateIndex
CREATE UNIQUE INDEX "ConversationDraft_conversationId_userId_key" ON "ConversationDraft"("conversationId", "userId");

-- CreateIndex
CREATE INDEX "ConversationDraft_userId_idx" ON "ConversationDraft"("userId");

-- CreateIndex
CREATE INDEX "ConversationNote_conversationId_createdAt_id_idx" ON "ConversationNote"("conversationId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "ConversationNote_authorId_idx" ON "ConversationNote"("authorId");

-- CreateIndex
CREATE UNIQUE INDEX "SavedReply_organizationId_title_key" ON "SavedReply"("organizationId", "title");

-- CreateIndex
CREATE INDEX "SavedReply_createdById_idx" ON "SavedReply"("createdById");

-- CreateIndex: the inbox's tabs (status × mine/unassigned), its connection filter, and its unread tab.
CREATE INDEX "Conversation_organizationId_status_assigneeId_lastActivityAt_id_idx" ON "Conversation"("organizationId", "status", "assigneeId", "lastActivityAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Conversation_connectionId_status_lastActivityAt_id_idx" ON "Conversation"("connectionId", "status", "lastActivityAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Conversation_unread_idx" ON "Conversation"("organizationId", "status", "lastActivityAt" DESC, "id") WHERE "unreadCount" > 0;

-- CreateIndex: the inbox's search. The expression must stay identical to the one lib/inbox/search.ts queries.
CREATE INDEX "SuncoUser_search_idx" ON "SuncoUser" USING gin ((COALESCE("givenName", '') || ' ' || COALESCE("surname", '') || ' ' || COALESCE("displayName", '') || ' ' || COALESCE("email", '')) gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Message_text_search_idx" ON "Message" USING gin ("text" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationDraft" ADD CONSTRAINT "ConversationDraft_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationDraft" ADD CONSTRAINT "ConversationDraft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationNote" ADD CONSTRAINT "ConversationNote_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationNote" ADD CONSTRAINT "ConversationNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedReply" ADD CONSTRAINT "SavedReply_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedReply" ADD CONSTRAINT "SavedReply_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

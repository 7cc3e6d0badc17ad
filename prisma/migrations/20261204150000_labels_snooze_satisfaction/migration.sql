-- Labels on conversations, snoozing a conversation until a time (lib/inbox: labels.ts, snoozes.ts), and satisfaction surveys (lib/satisfaction).

-- A snoozed conversation has left the open list until "snoozedUntil", when the sweep reopens it (or earlier, when
-- the end user writes). The new value is not used in this transaction: PostgreSQL allows that only after it commits.
-- AlterEnum
ALTER TYPE "ConversationStatus" ADD VALUE 'snoozed';

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "snoozedUntil" TIMESTAMPTZ(3),
ADD COLUMN "labelIds" UUID[] DEFAULT ARRAY[]::UUID[];

-- The sweep looks only at conversations with a snooze, in the order they fall due.
-- CreateIndex
CREATE INDEX "Conversation_snoozedUntil_idx" ON "Conversation"("snoozedUntil") WHERE "snoozedUntil" IS NOT NULL;

-- The inbox's label filter: a rare label's conversations are collected through it, a common one's are met walking
-- the tab's own index.
-- CreateIndex
CREATE INDEX "Conversation_labelIds_idx" ON "Conversation" USING GIN ("labelIds");

-- CreateTable
CREATE TABLE "Label" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Label_pkey" PRIMARY KEY ("id")
);

-- Names are unique per organization whatever their case, since `label:name` in a search finds them so.
-- CreateIndex
CREATE UNIQUE INDEX "Label_organizationId_name_key" ON "Label"("organizationId", lower("name"));

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Satisfaction surveys (lib/satisfaction): whether resolving sends one, and each survey sent with its answer.
-- AlterTable
ALTER TABLE "Organization" ADD COLUMN "satisfactionSurvey" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "SatisfactionSurvey" (
    "id" UUID NOT NULL,
    "organizationId" TEXT NOT NULL,
    "conversationId" UUID NOT NULL,
    "connectionId" TEXT NOT NULL,
    "assigneeId" TEXT,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rating" INTEGER,
    "comment" TEXT,
    "answeredAt" TIMESTAMPTZ(3),
    "responseMessageId" UUID,

    CONSTRAINT "SatisfactionSurvey_pkey" PRIMARY KEY ("id")
);

-- Reports read answered surveys of an organization by time; a conversation's latest survey is the one answered.
-- CreateIndex
CREATE INDEX "SatisfactionSurvey_organizationId_answeredAt_idx" ON "SatisfactionSurvey"("organizationId", "answeredAt");

-- CreateIndex
CREATE INDEX "SatisfactionSurvey_conversationId_sentAt_idx" ON "SatisfactionSurvey"("conversationId", "sentAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "SatisfactionSurvey_responseMessageId_key" ON "SatisfactionSurvey"("responseMessageId");

-- AddForeignKey
ALTER TABLE "SatisfactionSurvey" ADD CONSTRAINT "SatisfactionSurvey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SatisfactionSurvey" ADD CONSTRAINT "SatisfactionSurvey_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

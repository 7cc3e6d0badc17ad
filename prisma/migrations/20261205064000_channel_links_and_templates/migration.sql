-- Conversations Sunbridge starts: the channel link (SunCo's Create Client) asked for, and the first message held
-- until the channel links. And the organization's WhatsApp templates.
-- CreateEnum
CREATE TYPE "ChannelLinkState" AS ENUM ('pending', 'linked', 'failed');

-- CreateTable
CREATE TABLE "ChannelLink" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "conversationId" UUID NOT NULL,
    "suncoUserId" TEXT NOT NULL,
    "channelType" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "state" "ChannelLinkState" NOT NULL DEFAULT 'pending',
    "suncoClientId" TEXT,
    "failureReason" TEXT,
    "firstMessage" JSONB NOT NULL,
    "outboxId" UUID NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settledAt" TIMESTAMPTZ(3),

    CONSTRAINT "ChannelLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageTemplate" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "templateName" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "parameters" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MessageTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChannelLink_conversationId_createdAt_idx" ON "ChannelLink"("conversationId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ChannelLink_connectionId_suncoUserId_idx" ON "ChannelLink"("connectionId", "suncoUserId");

-- CreateIndex
CREATE UNIQUE INDEX "MessageTemplate_organizationId_title_key" ON "MessageTemplate"("organizationId", "title");

-- AddForeignKey
ALTER TABLE "ChannelLink" ADD CONSTRAINT "ChannelLink_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelLink" ADD CONSTRAINT "ChannelLink_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageTemplate" ADD CONSTRAINT "MessageTemplate_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

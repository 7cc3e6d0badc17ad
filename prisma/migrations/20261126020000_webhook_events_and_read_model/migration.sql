-- CreateEnum
CREATE TYPE "WebhookEventState" AS ENUM ('pending', 'processed', 'ignored', 'failed');

-- CreateEnum
CREATE TYPE "ConversationStatus" AS ENUM ('open', 'pending', 'resolved');

-- CreateEnum: in rank order (a message's status only moves to a later value).
CREATE TYPE "MessageDeliveryStatus" AS ENUM ('sending', 'sent', 'delivered_to_channel', 'failed', 'delivered_to_user');

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" BIGSERIAL NOT NULL,
    "connectionId" TEXT NOT NULL,
    "suncoEventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3),
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "event" JSON NOT NULL,
    "webhookId" TEXT,
    "state" "WebhookEventState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuncoUser" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "suncoUserId" TEXT NOT NULL,
    "externalId" TEXT,
    "zendeskId" TEXT,
    "brandId" TEXT,
    "authenticated" BOOLEAN,
    "coreAt" TIMESTAMPTZ(3),
    "givenName" TEXT,
    "surname" TEXT,
    "email" TEXT,
    "avatarUrl" TEXT,
    "locale" TEXT,
    "signedUpAt" TIMESTAMPTZ(3),
    "metadata" JSONB,
    "identities" JSONB,
    "profileAt" TIMESTAMPTZ(3),
    "displayName" TEXT,
    "mergedIntoId" UUID,
    "removedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SuncoUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuncoClient" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "connectionId" TEXT NOT NULL,
    "suncoClientId" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT,
    "integrationId" TEXT,
    "externalId" TEXT,
    "displayName" TEXT,
    "avatarUrl" TEXT,
    "info" JSONB,
    "raw" JSONB,
    "lastSeenAt" TIMESTAMPTZ(3),
    "linkedAt" TIMESTAMPTZ(3),
    "snapshotAt" TIMESTAMPTZ(3) NOT NULL,
    "removedAt" TIMESTAMPTZ(3),
    "removedReason" TEXT,

    CONSTRAINT "SuncoClient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuncoDevice" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "connectionId" TEXT NOT NULL,
    "suncoDeviceId" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "suncoClientId" TEXT,
    "type" TEXT,
    "guid" TEXT,
    "status" TEXT,
    "integrationId" TEXT,
    "appVersion" TEXT,
    "info" JSONB,
    "lastSeenAt" TIMESTAMPTZ(3),
    "snapshotAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SuncoDevice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "suncoConversationId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "endUserId" UUID,
    "metadata" JSONB,
    "metadataAt" TIMESTAMPTZ(3),
    "activeSwitchboardIntegration" JSONB,
    "pendingSwitchboardIntegration" JSONB,
    "switchboardAt" TIMESTAMPTZ(3),
    "channelType" TEXT,
    "channelIntegrationId" TEXT,
    "lastUserMessageAt" TIMESTAMPTZ(3),
    "lastMessagePreview" TEXT,
    "lastMessageAuthorType" TEXT,
    "lastMessageAt" TIMESTAMPTZ(3),
    "lastActivityAt" TIMESTAMPTZ(3) NOT NULL,
    "userLastReadAt" TIMESTAMPTZ(3),
    "status" "ConversationStatus" NOT NULL DEFAULT 'open',
    "assigneeId" TEXT,
    "unreadCount" INTEGER NOT NULL DEFAULT 0,
    "agentLastReadAt" TIMESTAMPTZ(3),
    "suncoCreatedAt" TIMESTAMPTZ(3),
    "historyFetchedAt" TIMESTAMPTZ(3),
    "removedAt" TIMESTAMPTZ(3),
    "mergedIntoId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationParticipant" (
    "id" BIGSERIAL NOT NULL,
    "conversationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "joinedAt" TIMESTAMPTZ(3),
    "leftAt" TIMESTAMPTZ(3),

    CONSTRAINT "ConversationParticipant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" TEXT NOT NULL,
    "conversationId" UUID NOT NULL,
    "suncoMessageId" TEXT,
    "clientMessageId" TEXT,
    "authorType" TEXT NOT NULL,
    "authorUserId" UUID,
    "authorDisplayName" TEXT,
    "authorAvatarUrl" TEXT,
    "author" JSONB NOT NULL,
    "contentType" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "text" TEXT NOT NULL,
    "sourceType" TEXT,
    "sourceIntegrationId" TEXT,
    "source" JSONB,
    "metadata" JSONB,
    "quotedMessage" JSONB,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "deliveryStatus" "MessageDeliveryStatus" NOT NULL,
    "deliveryError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageDelivery" (
    "id" BIGSERIAL NOT NULL,
    "conversationId" UUID NOT NULL,
    "suncoMessageId" TEXT NOT NULL,
    "suncoEventId" TEXT NOT NULL,
    "kind" "MessageDeliveryStatus" NOT NULL,
    "destinationType" TEXT,
    "destinationIntegrationId" TEXT,
    "externalMessageIds" TEXT[],
    "isFinal" BOOLEAN NOT NULL DEFAULT false,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MessageDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationActivity" (
    "id" BIGSERIAL NOT NULL,
    "conversationId" UUID NOT NULL,
    "suncoEventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "userId" UUID,
    "data" JSONB NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConversationActivity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LiveEvent" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LiveEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_connectionId_suncoEventId_key" ON "WebhookEvent"("connectionId", "suncoEventId");

-- CreateIndex
CREATE INDEX "WebhookEvent_connectionId_receivedAt_id_idx" ON "WebhookEvent"("connectionId", "receivedAt" DESC, "id");

-- Workers claim pending events in id order; processed ones drop out of this index. Not expressible in schema.prisma.
CREATE INDEX "WebhookEvent_pending_idx" ON "WebhookEvent"("id") WHERE "state" = 'pending';

-- CreateIndex
CREATE UNIQUE INDEX "SuncoUser_connectionId_suncoUserId_key" ON "SuncoUser"("connectionId", "suncoUserId");

-- CreateIndex
CREATE INDEX "SuncoUser_organizationId_idx" ON "SuncoUser"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "SuncoClient_connectionId_suncoClientId_key" ON "SuncoClient"("connectionId", "suncoClientId");

-- CreateIndex
CREATE INDEX "SuncoClient_userId_idx" ON "SuncoClient"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "SuncoDevice_connectionId_suncoDeviceId_key" ON "SuncoDevice"("connectionId", "suncoDeviceId");

-- CreateIndex
CREATE INDEX "SuncoDevice_userId_idx" ON "SuncoDevice"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_connectionId_suncoConversationId_key" ON "Conversation"("connectionId", "suncoConversationId");

-- CreateIndex
CREATE INDEX "Conversation_organizationId_lastActivityAt_id_idx" ON "Conversation"("organizationId", "lastActivityAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Conversation_organizationId_status_lastActivityAt_id_idx" ON "Conversation"("organizationId", "status", "lastActivityAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Conversation_organizationId_assigneeId_lastActivityAt_id_idx" ON "Conversation"("organizationId", "assigneeId", "lastActivityAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Conversation_endUserId_idx" ON "Conversation"("endUserId");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationParticipant_conversationId_userId_key" ON "ConversationParticipant"("conversationId", "userId");

-- CreateIndex
CREATE INDEX "ConversationParticipant_userId_idx" ON "ConversationParticipant"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Message_conversationId_suncoMessageId_key" ON "Message"("conversationId", "suncoMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "Message_conversationId_clientMessageId_key" ON "Message"("conversationId", "clientMessageId");

-- CreateIndex
CREATE INDEX "Message_conversationId_receivedAt_id_idx" ON "Message"("conversationId", "receivedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Message_authorUserId_idx" ON "Message"("authorUserId");

-- CreateIndex
CREATE UNIQUE INDEX "MessageDelivery_conversationId_suncoEventId_key" ON "MessageDelivery"("conversationId", "suncoEventId");

-- CreateIndex
CREATE INDEX "MessageDelivery_conversationId_suncoMessageId_idx" ON "MessageDelivery"("conversationId", "suncoMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationActivity_conversationId_suncoEventId_key" ON "ConversationActivity"("conversationId", "suncoEventId");

-- CreateIndex
CREATE INDEX "ConversationActivity_conversationId_occurredAt_idx" ON "ConversationActivity"("conversationId", "occurredAt");

-- CreateIndex
CREATE INDEX "LiveEvent_organizationId_id_idx" ON "LiveEvent"("organizationId", "id");

-- CreateIndex
CREATE INDEX "LiveEvent_createdAt_idx" ON "LiveEvent"("createdAt");

-- AddForeignKey
ALTER TABLE "WebhookEvent" ADD CONSTRAINT "WebhookEvent_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuncoUser" ADD CONSTRAINT "SuncoUser_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuncoClient" ADD CONSTRAINT "SuncoClient_userId_fkey" FOREIGN KEY ("userId") REFERENCES "SuncoUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuncoDevice" ADD CONSTRAINT "SuncoDevice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "SuncoUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_endUserId_fkey" FOREIGN KEY ("endUserId") REFERENCES "SuncoUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationParticipant" ADD CONSTRAINT "ConversationParticipant_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationParticipant" ADD CONSTRAINT "ConversationParticipant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "SuncoUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_authorUserId_fkey" FOREIGN KEY ("authorUserId") REFERENCES "SuncoUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageDelivery" ADD CONSTRAINT "MessageDelivery_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationActivity" ADD CONSTRAINT "ConversationActivity_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationActivity" ADD CONSTRAINT "ConversationActivity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "SuncoUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiveEvent" ADD CONSTRAINT "LiveEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Webhook ingestion keeps connections and their secrets in memory for a short while; every instance drops its
-- copy when a connection's identity, state or webhook secrets change. (lastEventAt and the like do not notify.)
CREATE FUNCTION "connection_changed_notify"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('sunbridge_connection_changed', COALESCE(NEW."id", OLD."id"));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Connection_changed"
  AFTER INSERT OR DELETE OR UPDATE OF "id", "organizationId", "appId", "state", "encryptedWebhookSecret",
    "encryptedPreviousWebhookSecret", "previousWebhookSecretExpiresAt"
  ON "Connection"
  FOR EACH ROW EXECUTE FUNCTION "connection_changed_notify"();

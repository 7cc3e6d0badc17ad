-- Teams: which connections' conversations an agent sees (lib/teams/access.ts), and auto-assignment among a team's
-- online members within their capacity (lib/teams/auto-assign.ts).

-- CreateEnum
CREATE TYPE "Availability" AS ENUM ('online', 'away', 'offline');

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "autoAssign" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamMember" (
    "teamId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "lead" BOOLEAN NOT NULL DEFAULT false,
    "capacity" INTEGER NOT NULL DEFAULT 5,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamMember_pkey" PRIMARY KEY ("teamId", "userId"),
    CONSTRAINT "TeamMember_capacity_check" CHECK ("capacity" >= 0)
);

-- CreateTable
CREATE TABLE "TeamConnection" (
    "teamId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamConnection_pkey" PRIMARY KEY ("teamId", "connectionId")
);

-- CreateTable
CREATE TABLE "AgentAvailability" (
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" "Availability" NOT NULL DEFAULT 'online',
    "seenAt" TIMESTAMPTZ(3),
    "activeAt" TIMESTAMPTZ(3),
    "lastAssignedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AgentAvailability_pkey" PRIMARY KEY ("organizationId", "userId")
);

-- CreateTable
CREATE TABLE "WaitingConversation" (
    "conversationId" UUID NOT NULL,
    "organizationId" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WaitingConversation_pkey" PRIMARY KEY ("conversationId")
);

-- AlterTable: live events name the connection they are about, so that each open stream gets only what its member sees.
ALTER TABLE "LiveEvent" ADD COLUMN "connectionId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Team_organizationId_name_key" ON "Team"("organizationId", "name");

-- CreateIndex
CREATE INDEX "TeamMember_organizationId_userId_idx" ON "TeamMember"("organizationId", "userId");

-- CreateIndex
CREATE INDEX "WaitingConversation_organizationId_since_idx" ON "WaitingConversation"("organizationId", "since");

-- CreateIndex
CREATE INDEX "TeamConnection_connectionId_idx" ON "TeamConnection"("connectionId");

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey: leaving the organization takes a member out of its teams.
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "Membership"("organizationId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamConnection" ADD CONSTRAINT "TeamConnection_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamConnection" ADD CONSTRAINT "TeamConnection_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentAvailability" ADD CONSTRAINT "AgentAvailability_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "Membership"("organizationId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaitingConversation" ADD CONSTRAINT "WaitingConversation_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

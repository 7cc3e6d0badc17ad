-- Connect links (a partner's customer connects without a Sunbridge account), the organization's allow-list of
-- origins they may return to, and OAuth installs begun in Zendesk that wait for someone to claim them.

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN "connectReturnOrigins" TEXT[];

-- CreateTable
CREATE TABLE "ConnectLink" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT,
    "methods" TEXT[],
    "returnUrl" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "oauthStateHash" TEXT,
    "usedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "connectionId" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConnectLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnclaimedInstallation" (
    "id" TEXT NOT NULL,
    "browserHash" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "appName" TEXT NOT NULL,
    "subdomain" TEXT,
    "encryptedAccessToken" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "claimedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnclaimedInstallation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConnectLink_tokenHash_key" ON "ConnectLink"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ConnectLink_oauthStateHash_key" ON "ConnectLink"("oauthStateHash");

-- CreateIndex
CREATE INDEX "ConnectLink_organizationId_createdAt_idx" ON "ConnectLink"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "UnclaimedInstallation_browserHash_key" ON "UnclaimedInstallation"("browserHash");

-- CreateIndex
CREATE INDEX "UnclaimedInstallation_expiresAt_idx" ON "UnclaimedInstallation"("expiresAt");

-- AddForeignKey
ALTER TABLE "ConnectLink" ADD CONSTRAINT "ConnectLink_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

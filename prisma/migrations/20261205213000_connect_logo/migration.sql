-- The partner's logo on its connect pages (lib/connections/connect-logo.ts): one small raster image per organization,
-- in its own table so that reading an organization never carries the image.
-- CreateTable
CREATE TABLE "ConnectLogo" (
    "organizationId" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConnectLogo_pkey" PRIMARY KEY ("organizationId")
);

-- AddForeignKey
ALTER TABLE "ConnectLogo" ADD CONSTRAINT "ConnectLogo_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

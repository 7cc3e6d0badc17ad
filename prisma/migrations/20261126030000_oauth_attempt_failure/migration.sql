-- AlterTable
ALTER TABLE "OAuthAttempt" ADD COLUMN "failureMessage" TEXT;

// Periodic clean-up in every process that runs background work. Each task is a bounded, idempotent delete, so
// several processes doing it at once only repeat each other's work.
import { logger } from "@/lib/log";
import { pruneLiveEvents } from "@/lib/live";
import { pruneWebhookEvents } from "@/lib/webhooks/retention";

const INTERVAL_MS = 60_000;

const holder = globalThis as typeof globalThis & { __sunbridgeHousekeeping?: NodeJS.Timeout };

async function tidy() {
  try {
    await pruneLiveEvents();
    await pruneWebhookEvents();
  } catch (error) {
    logger().warn({ err: error }, "housekeeping failed; it runs again in a minute");
  }
}

export function startHousekeeping() {
  if (holder.__sunbridgeHousekeeping) return;
  holder.__sunbridgeHousekeeping = setInterval(() => void tidy(), INTERVAL_MS);
  holder.__sunbridgeHousekeeping.unref();
}

export function stopHousekeeping() {
  clearInterval(holder.__sunbridgeHousekeeping);
  holder.__sunbridgeHousekeeping = undefined;
}

// When a failed delivery is tried again: exponential backoff with jitter, for up to 24 hours from its first failure;
// an endpoint failing for 24 hours is disabled. The clock and a time scale are one per process, so tests can run the
// real workers through a whole window in seconds instead of sleeping a day.
import { processSingleton } from "@/lib/singletons";

export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
const FIRST_DELAY_MS = 5_000;
const LONGEST_DELAY_MS = 60 * 60 * 1000;

export interface DeliveryClock {
  now(): Date;
  /** Multiplies every delay and the window: 1 in production. */
  timeScale: number;
}

/** This process's clock (tests change `now` or `timeScale`, and put them back). */
export const deliveryClock = () => processSingleton("eventDeliveryClock", (): DeliveryClock => ({ now: () => new Date(), timeScale: 1 }));

/** The retry window, scaled. */
export const retryWindowMs = (clock = deliveryClock()) => RETRY_WINDOW_MS * clock.timeScale;

/**
 * The wait after the `failures`-th failed attempt: 5 s doubling up to an hour, with "equal jitter" (half fixed, half
 * random) so that endpoints failing together are not retried together.
 */
export function retryDelayMs(failures: number, clock = deliveryClock(), random = Math.random): number {
  const ceiling = Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, failures - 1), LONGEST_DELAY_MS);
  return Math.round((ceiling / 2 + (random() * ceiling) / 2) * clock.timeScale);
}

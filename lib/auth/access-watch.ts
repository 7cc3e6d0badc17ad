// Ends what a member holds open (live streams) soon after their access ends: signed out, session deleted or expired,
// or removed from the organization, on whichever instance that happened. One timer per process re-reads the database
// for every open stream at once (one query per interval, however many streams), so no instance needs to be told.
import { logger } from "@/lib/log";
import { processSingleton } from "@/lib/singletons";
import { membershipRefKey, stillMembers, type SessionMembershipRef } from "./sessions";

export const ACCESS_CHECK_INTERVAL_MS = 2000;
const BATCH = 1000;

interface Watch extends SessionMembershipRef {
  lost: () => void;
}

class AccessWatcher {
  private readonly watches = new Set<Watch>();
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  watch(watch: Watch): () => void {
    this.watches.add(watch);
    if (!this.timer) {
      this.timer = setInterval(() => void this.check(), ACCESS_CHECK_INTERVAL_MS);
      this.timer.unref();
    }
    return () => this.forget(watch);
  }

  private forget(watch: Watch) {
    this.watches.delete(watch);
    if (this.watches.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private async check() {
    if (this.checking) return;
    this.checking = true;
    try {
      const watches = [...this.watches];
      for (let start = 0; start < watches.length; start += BATCH) {
        const batch = watches.slice(start, start + BATCH);
        const distinct = new Map(batch.map((watch) => [membershipRefKey(watch), watch]));
        const held = await stillMembers([...distinct.values()]);
        for (const watch of batch) {
          if (held.has(membershipRefKey(watch)) || !this.watches.has(watch)) continue;
          this.forget(watch);
          watch.lost();
        }
      }
    } catch (error) {
      // The database being away is no reason to cut everyone off: the next round decides.
      logger().warn({ err: error }, "live access check failed; retrying");
    } finally {
      this.checking = false;
    }
  }
}

/**
 * Calls `lost` once, within about ACCESS_CHECK_INTERVAL_MS, when `sessionId` no longer holds a membership of
 * `organizationId`. Returns what stops watching.
 */
export function watchMemberAccess(ref: SessionMembershipRef, lost: () => void): () => void {
  return processSingleton("accessWatcher", () => new AccessWatcher()).watch({ sessionId: ref.sessionId, organizationId: ref.organizationId, lost });
}

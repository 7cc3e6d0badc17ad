// Keeps what each open live stream's member sees up to date: one timer per process re-reads, every few seconds, the
// scope of every member with a stream open (one query per organization, however many streams), so that taking an
// agent or a connection out of a team stops their streams' events of that connection within seconds, on every
// instance, with nobody needing to be told. The same timer keeps those members present for auto-assignment (an inbox
// tab open: ./availability.ts), one statement for all of them every SEEN_REFRESH_MS.
import { logger } from "@/lib/log";
import { processSingleton } from "@/lib/singletons";
import { requestAssignment, SEEN_REFRESH_MS } from "./auto-assign";
import { touchPresence } from "./availability";
import { sameScope, scopeAllows, scopesOf, NO_CONNECTION, type ConnectionScope, type MemberAccess } from "./access";

export const SCOPE_CHECK_INTERVAL_MS = 2000;

interface Watch {
  organizationId: string;
  userId: string;
  scope: ConnectionScope;
  changed: Set<() => void>;
}

class ScopeWatcher {
  private readonly watches = new Set<Watch>();
  private timer: NodeJS.Timeout | undefined;
  private checking = false;
  private presenceAt = Date.now();

  add(watch: Watch): () => void {
    this.watches.add(watch);
    if (!this.timer) {
      this.timer = setInterval(() => void this.check(), SCOPE_CHECK_INTERVAL_MS);
      this.timer.unref();
    }
    return () => {
      this.watches.delete(watch);
      if (this.watches.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  async check() {
    if (this.checking) return;
    this.checking = true;
    try {
      if (Date.now() - this.presenceAt >= SEEN_REFRESH_MS) {
        this.presenceAt = Date.now();
        await touchPresence([...new Map([...this.watches].map((watch) => [`${watch.organizationId} ${watch.userId}`, watch])).values()], false);
      }
      const byOrganization = new Map<string, Watch[]>();
      for (const watch of this.watches) byOrganization.set(watch.organizationId, [...(byOrganization.get(watch.organizationId) ?? []), watch]);
      for (const [organizationId, watches] of byOrganization) {
        const scopes = await scopesOf(organizationId, [...new Set(watches.map((watch) => watch.userId))]);
        for (const watch of watches) {
          const scope = scopes.get(watch.userId) ?? NO_CONNECTION;
          if (sameScope(scope, watch.scope)) continue;
          watch.scope = scope;
          for (const changed of watch.changed) changed();
        }
      }
    } catch (error) {
      // The database being away changes nobody's scope: the next round decides.
      logger().warn({ err: error }, "live scope check failed; retrying");
    } finally {
      this.checking = false;
    }
  }
}

const watcher = () => processSingleton("scopeWatcher", () => new ScopeWatcher());

/** What a live stream asks of each event, and how it hears that the answer changed (lib/live's `visibility`). */
export interface WatchedScope {
  sees(connectionId: string): boolean;
  onChange(changed: () => void): () => void;
  /** Stops watching (also done when the last onChange subscriber lets go). */
  stop(): void;
}

/** The member's scope now, kept current within about SCOPE_CHECK_INTERVAL_MS while watched. */
export async function watchConnectionScope(ctx: MemberAccess): Promise<WatchedScope> {
  // From the stored role, not the session's: the watch must notice an admin made agent too.
  const scope = (await scopesOf(ctx.organization.id, [ctx.actor.id])).get(ctx.actor.id) ?? NO_CONNECTION;
  const watch: Watch = { organizationId: ctx.organization.id, userId: ctx.actor.id, scope, changed: new Set() };
  const stop = watcher().add(watch);
  // A tab opened: the agent is present (and may take waiting conversations).
  await touchPresence([{ organizationId: ctx.organization.id, userId: ctx.actor.id }], true);
  await requestAssignment({ organizationId: ctx.organization.id });
  return {
    sees: (connectionId) => scopeAllows(watch.scope, connectionId),
    onChange(changed) {
      watch.changed.add(changed);
      return () => {
        watch.changed.delete(changed);
        if (watch.changed.size === 0) stop();
      };
    },
    stop,
  };
}

/** Runs a check now (tests). */
export const checkWatchedScopes = () => watcher().check();

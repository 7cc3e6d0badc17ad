// One subscriber to live events per process, however many pages it serves: a LISTEN (NOTIFY on PostgreSQL, in
// process on PGlite) says "there are events up to id N", one query fetches them for the organizations open pages
// belong to, and each page's listener gets its organization's. A timer covers notifications lost while the
// LISTEN connection was being re-established.
import { sql, type SqlDriver } from "@/lib/db";
import { logger } from "@/lib/log";
import { LIVE_CHANNEL } from "./publish";
import { latestLiveEventId, liveEventsAfter, type LiveEvent } from "./live-events";

type Listener = (event: LiveEvent) => void;

const FALLBACK_POLL_MS = 5000;
const PAGE = 500;

class LiveHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Every event up to this id has been handed out (or belonged to nobody listening). */
  private cursor: string | null = null;
  private fetching: Promise<void> | null = null;
  private again = false;
  private readonly poll: NodeJS.Timeout;
  private stopListening: Promise<(() => Promise<void>) | null>;

  constructor(private readonly driver: SqlDriver) {
    this.fetch();
    this.stopListening = driver.listen(LIVE_CHANNEL, () => this.fetch()).catch((error) => {
      logger().warn({ err: error }, "live updates: cannot listen; falling back to polling");
      return null;
    });
    this.poll = setInterval(() => this.fetch(), FALLBACK_POLL_MS);
    this.poll.unref();
  }

  /** Resolves once the hub knows where it starts; subscribe after it, so that nothing falls between. */
  async ready(): Promise<void> {
    while (this.cursor === null) {
      this.fetch();
      await this.fetching;
      if (this.cursor === null) await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  subscribe(organizationId: string, listener: Listener): () => void {
    let set = this.listeners.get(organizationId);
    if (!set) this.listeners.set(organizationId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(organizationId) === set) this.listeners.delete(organizationId);
    };
  }

  get subscribers() {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  /** Fetches what is new; one fetch at a time, and another right after when notified meanwhile. */
  private fetch() {
    if (this.fetching) {
      this.again = true;
      return;
    }
    this.fetching = this.drain()
      .catch((error) => logger().warn({ err: error }, "live updates: cannot read new events"))
      .finally(() => {
        this.fetching = null;
        if (this.again) {
          this.again = false;
          this.fetch();
        }
      });
  }

  private async drain() {
    // Ids become visible in order (see publish.ts), so everything up to the newest id is there to read.
    const upTo = await latestLiveEventId(this.driver);
    let cursor = this.cursor ?? upTo;
    // Subscribers arrive only once the cursor is set (ready()), so a first read has nobody to tell.
    const organizations = [...this.listeners.keys()];
    while (organizations.length > 0 && BigInt(cursor) < BigInt(upTo)) {
      const events = await liveEventsAfter(organizations, cursor, { upTo, limit: PAGE }, this.driver);
      for (const event of events) {
        for (const listener of this.listeners.get(event.organizationId) ?? []) listener(event);
      }
      cursor = events.length < PAGE ? upTo : events.at(-1)!.id;
    }
    this.cursor = upTo;
  }

  async close() {
    clearInterval(this.poll);
    const stop = await this.stopListening;
    await stop?.().catch(() => {});
  }
}

const holder = globalThis as typeof globalThis & { __sunbridgeLiveHub?: LiveHub; __sunbridgeLiveHubDriver?: SqlDriver };

/** This process's hub, for the current database. */
export function liveHub(): LiveHub {
  const driver = sql();
  if (!holder.__sunbridgeLiveHub || holder.__sunbridgeLiveHubDriver !== driver) {
    void holder.__sunbridgeLiveHub?.close();
    holder.__sunbridgeLiveHub = new LiveHub(driver);
    holder.__sunbridgeLiveHubDriver = driver;
  }
  return holder.__sunbridgeLiveHub;
}

export async function closeLiveHub() {
  const hub = holder.__sunbridgeLiveHub;
  holder.__sunbridgeLiveHub = undefined;
  holder.__sunbridgeLiveHubDriver = undefined;
  await hub?.close();
}

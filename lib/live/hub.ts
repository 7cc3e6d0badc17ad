// One subscriber to live events per process, however many pages it serves: a wake on the live channel (NOTIFY on
// PostgreSQL, in process on PGlite) says "there are events up to id N", one query fetches them for the organizations
// open pages belong to, and each page's listener gets its organization's. The wake loop (lib/db/notifications) reads
// again every few seconds in any case, for notifications lost while the LISTEN connection was being re-established.
import { sql, type SqlDriver } from "@/lib/db";
import { WakeLoop } from "@/lib/db/notifications";
import { logger } from "@/lib/log";
import { processSingleton } from "@/lib/singletons";
import { LIVE_CHANNEL } from "./publish";
import { latestLiveEventId, liveEventsAfter, type LiveEvent } from "./live-events";

type Listener = (event: LiveEvent) => void;

const FALLBACK_POLL_MS = 5000;
const PAGE = 500;

class LiveHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Every event up to this id has been handed out (or belonged to nobody listening). */
  private cursor: string | null = null;
  private readonly reads: WakeLoop;

  constructor(private readonly driver: SqlDriver) {
    this.reads = new WakeLoop(
      LIVE_CHANNEL,
      async () => {
        await this.drain();
        return false;
      },
      { driver, fallbackMs: FALLBACK_POLL_MS, onError: (error) => logger().warn({ err: error }, "live updates: cannot read new events") },
    );
  }

  /** Resolves once the hub listens and knows where it starts; subscribe after it, so that nothing falls between. */
  async ready(): Promise<void> {
    // A page set up before the LISTEN is in place would hear of its first events only at the fallback read.
    await this.reads.listening();
    while (this.cursor === null) {
      await this.reads.runSoon();
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
    await this.reads.stop();
  }
}

// A different database (tests swap them) means a different world: a hub for it starts afresh.
const holder = () => processSingleton("liveHub", () => ({ hub: undefined as LiveHub | undefined, driver: undefined as SqlDriver | undefined }));

/** This process's hub, for the current database. */
export function liveHub(): LiveHub {
  const driver = sql();
  const held = holder();
  if (!held.hub || held.driver !== driver) {
    void held.hub?.close();
    held.hub = new LiveHub(driver);
    held.driver = driver;
  }
  return held.hub;
}

export async function closeLiveHub() {
  const held = holder();
  const hub = held.hub;
  held.hub = undefined;
  held.driver = undefined;
  await hub?.close();
}

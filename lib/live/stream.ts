// A page's Server-Sent Events stream of its organization's live events. It resumes after Last-Event-ID with nothing
// missing (or says "reset" when what it missed was pruned), keeps proxies from closing it with comments, ends as soon
// as the member loses access (and, in any case, after a while, so that the reconnect authorizes again), and lets go of
// everything when the page goes away.
import { liveHub } from "./hub";
import { canResumeAfter, latestLiveEventId, liveEventsAfter, type LiveEvent } from "./live-events";

const HEARTBEAT_MS = 15_000;
/** The reconnect authorizes afresh (a backstop: losing access ends the stream sooner, see watchAccess). */
const MAX_LIFETIME_MS = 10 * 60_000;
const RECONNECT_MS = 2000;
/** A page this far behind is cut off; it reconnects and catches up from the database instead of from memory. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;

export interface LiveStreamOptions {
  organizationId: string;
  /** The member the stream is for: events meant for one member (notifications) reach only that member's streams. */
  memberId?: string;
  /**
   * The last id the page saw (Last-Event-ID). A page should open with the id that was latest when it loaded its data
   * (latestLiveEventId); without one the stream starts from the moment it is set up.
   */
  lastEventId?: string | null;
  /** Aborted when the page disconnects. */
  signal: AbortSignal;
  /**
   * Watches whether the member may still read the organization: calls `lost` once they may not (signed out, removed),
   * and returns what stops watching. The stream then says "access-ended" and ends.
   */
  watchAccess?: (lost: () => void) => () => void;
  /**
   * Which connections' events the member sees (lib/teams), asked for each event; and `onChange`, which the stream
   * subscribes to: when what the member sees changes, the page is told to reload ("reset"), since what it shows may
   * no longer be theirs to see or may be missing what now is.
   */
  visibility?: { sees: (connectionId: string) => boolean; onChange: (changed: () => void) => () => void };
  heartbeatMs?: number;
  maxLifetimeMs?: number;
}

const encoder = new TextEncoder();

function frame(event: LiveEvent) {
  return encoder.encode(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
}

/** Only a decimal id can be one of ours; anything else is treated as no id at all. */
export function parseLastEventId(value: string | null | undefined): string | null {
  return value && /^\d{1,19}$/.test(value.trim()) ? value.trim() : null;
}

export function openLiveStream(options: LiveStreamOptions): ReadableStream<Uint8Array> {
  const { organizationId, signal } = options;
  let cleanup = () => {};
  // The reader may cancel while start() is still setting up: nothing is then subscribed or closed.
  let cancelled = false;

  return new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        let closed = false;
        let lastSent = "0";
        const buffered: LiveEvent[] = [];
        let catchingUp = true;

        const send = (chunk: Uint8Array) => {
          if (closed) return;
          if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) return close();
          controller.enqueue(chunk);
        };
        const visibility = options.visibility;
        const deliver = (event: LiveEvent) => {
          if (BigInt(event.id) <= BigInt(lastSent)) return;
          lastSent = event.id;
          if (event.userId && event.userId !== options.memberId) return;
          if (event.connectionId && visibility && !visibility.sees(event.connectionId)) return;
          send(frame(event));
        };
        const hub = liveHub();
        await hub.ready();
        if (cancelled) return;
        const unsubscribe = hub.subscribe(organizationId, (event) => (catchingUp ? buffered.push(event) : deliver(event)));
        const heartbeat = setInterval(() => send(encoder.encode(": ping\n\n")), options.heartbeatMs ?? HEARTBEAT_MS);
        const lifetime = setTimeout(() => close(), options.maxLifetimeMs ?? MAX_LIFETIME_MS);
        const stopWatchingAccess =
          options.watchAccess?.(() => {
            send(encoder.encode("event: access-ended\ndata: {}\n\n"));
            close();
          }) ?? (() => {});
        const stopWatchingVisibility = visibility?.onChange(() => send(encoder.encode(`id: ${lastSent}\nevent: reset\ndata: {}\n\n`))) ?? (() => {});
        const stopWatching = () => {
          stopWatchingAccess();
          stopWatchingVisibility();
        };
        function close() {
          if (closed) return;
          closed = true;
          cleanup();
          if (!cancelled) controller.close();
        }
        cleanup = () => {
          unsubscribe();
          stopWatching();
          clearInterval(heartbeat);
          clearTimeout(lifetime);
          signal.removeEventListener("abort", close);
        };
        signal.addEventListener("abort", close);
        if (signal.aborted) return close();

        try {
          const resumeAfter = parseLastEventId(options.lastEventId);
          if (resumeAfter && !(await canResumeAfter(resumeAfter))) {
            // What the page missed is gone: it must reload its state, then follows from here.
            lastSent = await latestLiveEventId();
            send(encoder.encode(`id: ${lastSent}\nevent: reset\ndata: {}\n\n`));
          } else if (resumeAfter) {
            lastSent = resumeAfter;
            for (let missed: LiveEvent[] = []; !closed && (missed = await liveEventsAfter([organizationId], lastSent)).length > 0; ) {
              missed.forEach(deliver);
            }
          } else {
            lastSent = await latestLiveEventId();
          }
        } catch (error) {
          closed = true;
          cleanup();
          controller.error(error);
          return;
        }
        catchingUp = false;
        buffered.forEach(deliver);
        // Last of the set-up: from here on the page misses nothing.
        send(encoder.encode(`retry: ${RECONNECT_MS}\n\n`));
      },
      cancel() {
        cancelled = true;
        cleanup();
      },
    },
    // Count bytes, so the backlog limit is about memory, not events.
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}

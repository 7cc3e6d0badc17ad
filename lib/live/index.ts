// Live updates for open pages: published with the changes that cause them, streamed as Server-Sent Events.
export { LIVE_EVENT_RETENTION_MS, latestLiveEventId, pruneLiveEvents, type LiveEvent } from "./live-events";
export { closeLiveHub } from "./hub";
export { publishLiveEvents, type LiveEventInput } from "./publish";
export { openLiveStream, parseLastEventId } from "./stream";

// The load generator of `npm run bench:webhooks`, in its own process so it doesn't share a CPU queue with the server:
// autocannon POSTs SunCo deliveries of `eventsPerPost` conversation:message events with new event ids, except for a
// share of redeliveries (a delivery sent again, as SunCo retries one), at most `overallRate` a second when set, round
// robin over `urls`. Writes the figures and the event ids the server acknowledged with 2xx, for the loss check. With
// `get`, it GETs the urls instead (the framework's floor: an empty route handler).
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import autocannon from "autocannon";
import { conversationMessageEvent } from "./webhook-events";

interface LoadSettings {
  urls: string[];
  /** Requests a second over all connections; 0 for as many as the server answers. */
  overallRate: number;
  get: boolean;
  apiKey: string;
  appId: string;
  connections: number;
  durationSeconds: number;
  eventsPerPost: number;
  redeliveryShare: number;
  /** Where to write the result; "" to skip the acknowledged ids (a warm-up). */
  out: string;
}

const settings = JSON.parse(process.argv[2]!) as LoadSettings;
const CONVERSATIONS = 2000;
const runId = randomBytes(4).toString("hex");
let counter = 0;
const sent: Delivery[] = [];
const acknowledged = new Set<string>();

interface Delivery {
  ids: string[];
  body: string;
}

function newEvent() {
  counter += 1;
  return conversationMessageEvent(runId, counter, CONVERSATIONS);
}

function newDelivery(): Delivery {
  const events = Array.from({ length: settings.eventsPerPost }, newEvent);
  const body = JSON.stringify({ app: { id: settings.appId }, webhook: { id: "5f4eaef81e3dcc117c7ba48a", version: "v2" }, events });
  return { ids: events.map((event) => event.id), body };
}

interface Context {
  delivery?: Delivery;
}

const instance = autocannon(
  {
    // autocannon takes several urls and spreads its connections over them; its type declarations do not say so.
    url: settings.urls as unknown as string,
    connections: settings.connections,
    duration: settings.durationSeconds,
    ...(settings.overallRate > 0 ? { overallRate: settings.overallRate } : {}),
    method: settings.get ? "GET" : "POST",
    headers: settings.get ? {} : { "content-type": "application/json", "x-api-key": settings.apiKey },
    requests: settings.get ? [{}] : [
      {
        setupRequest(request: autocannon.Request, context: Context) {
          const redeliver = sent.length > 0 && Math.random() < settings.redeliveryShare;
          const delivery = redeliver ? sent[Math.floor(Math.random() * sent.length)]! : newDelivery();
          if (!redeliver) sent.push(delivery);
          context.delivery = delivery;
          return { ...request, body: delivery.body };
        },
        onResponse(status: number, _body: string, context: Context) {
          if (status >= 200 && status < 300 && context.delivery) for (const id of context.delivery.ids) acknowledged.add(id);
        },
      },
    ],
  },
  (error, result) => {
    if (error) throw error;
    if (settings.out) {
      writeFileSync(
        settings.out,
        JSON.stringify({
          durationSeconds: result.duration,
          requests: result.requests.total,
          ok: result["2xx"],
          eventsAcknowledged: result["2xx"] * settings.eventsPerPost,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
          uniqueEventsSent: sent.length * settings.eventsPerPost,
          acknowledged: [...acknowledged],
        }),
      );
    }
    process.exit(0);
  },
);
process.on("SIGTERM", () => instance.stop());

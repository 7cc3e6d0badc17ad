// npm run bench:client [-- --port 4021 --calls 3000 --concurrency 4]
// What the SunCo client costs over bare fetch. Starts the standalone sandbox in its own process, then runs one mixed
// inbox workload (read a conversation, page its latest 100 messages, send, type, read the user, list their
// conversations) through the client and as bare fetch of the very same requests (captured from the client):
// - latency: one call at a time, each client call with its bare twins, in rotating order, so that all see the same
//   machine at the same moment (on a shared machine load drifts far more than the client costs);
// - throughput: `concurrency` agents at once, client and bare fetch in alternating rounds.
// The client sends with undici's request rather than fetch (lib/sunco/http.ts), so the latency part also times the
// same requests through bare undici `request`: the client's own cost (URLs, headers, timeouts, validation) is its
// overhead over that.
// The last line is JSON: {"callsPerSec":N,"p50Ms":N,"p99Ms":N,"overheadP50Pct":N}: the client's throughput, its
// median and 99th-percentile latency, and how much slower its median call is than bare fetch's.
import "./development-mode";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { Agent, request } from "undici";
import { createSuncoClient, NO_RETRIES, type SuncoClient } from "@/lib/sunco";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4021" },
    calls: { type: "string", default: "3000" },
    concurrency: { type: "string", default: "4" },
  },
});
const port = Number(values.port);
const pairs = Number(values.calls);
const concurrency = Number(values.concurrency);
const THROUGHPUT_ROUNDS = 4;

/** One call of the workload: through the client, and as the bare request the client sent for it. */
interface Recorder {
  last?: { url: string; init: RequestInit };
}

/** A request as the client sent it, ready to send again: its headers in the form each bare twin takes. */
interface BareRequest {
  url: string;
  init: RequestInit;
  plainHeaders: Record<string, string>;
}

interface WorkloadCall {
  name: string;
  viaClient: () => Promise<unknown>;
  bare?: BareRequest;
}

async function startSandboxProcess(): Promise<{ url: string; child: ChildProcess }> {
  const tsx = path.resolve("node_modules/.bin/tsx");
  const child = spawn(tsx, ["scripts/sandbox.ts", "--port", String(port), "--time-scale", "1"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`The sandbox exited (${code}) before listening:\n${output}`)));
  });
  return { url, child };
}

/** One simulated agent's customer and conversation, with a full page of history. */
async function agentScene(client: SuncoClient, sandboxUrl: string, agent: number) {
  const user = await client.users.create({ externalId: `bench-customer-${agent}-${Date.now()}` });
  const conversation = await client.conversations.create({ type: "personal", participants: [{ userId: user.id }] });
  await fetch(`${sandboxUrl}/_control/conversations/${conversation.id}/fill`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ count: 100 }),
  });
  return { userId: user.id, conversationId: conversation.id };
}

const business = { type: "business" as const, displayName: "Agent" };

function workload(client: SuncoClient, { userId, conversationId }: { userId: string; conversationId: string }): WorkloadCall[] {
  return [
    { name: "GetConversation", viaClient: () => client.conversations.get(conversationId) },
    { name: "ListMessages", viaClient: () => client.messages.list(conversationId) },
    {
      name: "PostMessage",
      viaClient: () => client.messages.send(conversationId, { author: business, content: { type: "text", text: "On it!" } }),
    },
    { name: "PostActivity", viaClient: () => client.activities.post(conversationId, { author: business, type: "typing:start" }) },
    { name: "GetUser", viaClient: () => client.users.get(userId) },
    { name: "ListConversations", viaClient: () => client.conversations.list({ userId }) },
  ];
}

/** Runs the workload once through a recording client, keeping each request it sent as that call's bare twin. */
async function withBareTwins(calls: WorkloadCall[], recorded: WorkloadCall[], recorder: Recorder) {
  for (const [index, call] of recorded.entries()) {
    await call.viaClient();
    const { url, init } = recorder.last!;
    const headers = new Headers(init.headers);
    calls[index]!.bare = {
      url,
      init: { method: init.method, headers, body: init.body },
      plainHeaders: Object.fromEntries(headers.entries()),
    };
  }
  return calls;
}

async function bareFetch({ url, init }: BareRequest) {
  const response = await fetch(url, init);
  const body = await response.json();
  if (!response.ok) throw new Error(`${init.method} ${url} → ${response.status} ${JSON.stringify(body)}`);
  return body;
}

const undiciAgent = new Agent();

async function bareUndici({ url, init, plainHeaders }: BareRequest) {
  const response = await request(url, { method: init.method as "GET", headers: plainHeaders, body: init.body as string, dispatcher: undiciAgent });
  const body = await response.body.json();
  if (response.statusCode >= 300) throw new Error(`${init.method} ${url} → ${response.statusCode} ${JSON.stringify(body)}`);
  return body;
}

type Mode = "client" | "bare" | "undici";
const MODES: Mode[] = ["client", "bare", "undici"];

const run = (call: WorkloadCall, mode: Mode) =>
  mode === "client" ? call.viaClient() : mode === "bare" ? bareFetch(call.bare!) : bareUndici(call.bare!);

/** `calls` calls in one mode from all agents at once, each cycling through its own workload. */
async function runConcurrently(mode: Mode, workloads: WorkloadCall[][], calls: number) {
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    workloads.map(async (workload) => {
      for (let step = 0; issued < calls; step++, issued++) await run(workload[step % workload.length]!, mode);
    }),
  );
  return performance.now() - started;
}

type Latencies = Record<Mode, number[]>;
const noLatencies = (): Latencies => ({ client: [], bare: [], undici: [] });

/** One call at a time: each client call and its bare twins back to back, in rotating order. */
async function runPaired(workload: WorkloadCall[], steps: number) {
  const latencies = noLatencies();
  const byCall = new Map<string, Latencies>();
  for (let step = 0; step < steps; step++) {
    const call = workload[step % workload.length]!;
    // Rotate the order every round of the workload, so that each operation goes first as often in every mode.
    const shift = Math.floor(step / workload.length) % MODES.length;
    for (const mode of [...MODES.slice(shift), ...MODES.slice(0, shift)]) {
      const started = performance.now();
      await run(call, mode);
      const elapsed = performance.now() - started;
      latencies[mode].push(elapsed);
      if (!byCall.has(call.name)) byCall.set(call.name, noLatencies());
      byCall.get(call.name)![mode].push(elapsed);
    }
  }
  return { ...latencies, byCall };
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { calls: sorted.length, p50Ms: percentile(sorted, 50), p90Ms: percentile(sorted, 90), p99Ms: percentile(sorted, 99) };
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

async function main() {
  const { url, child } = await startSandboxProcess();
  try {
    const fixtures = (await (await fetch(`${url}/_control/fixtures`)).json()) as {
      apps: { id: string; appKeys: { id: string; secret: string }[] }[];
    };
    const app = fixtures.apps[0]!;
    const recorder: Recorder = {};
    const connection = {
      appId: app.id,
      credentials: { type: "basic" as const, keyId: app.appKeys[0]!.id, secret: app.appKeys[0]!.secret },
      apiBaseUrl: url,
      marketplace: {},
      // A failure should show, not be retried into the figures.
      retry: NO_RETRIES,
    };
    const client = createSuncoClient(connection);
    const recording = createSuncoClient({
      ...connection,
      fetch: (input, init) => {
        recorder.last = { url: String(input), init: init ?? {} };
        return fetch(input, init);
      },
    });
    const workloads: WorkloadCall[][] = [];
    for (let agent = 0; agent < concurrency; agent++) {
      const scene = await agentScene(client, url, agent);
      workloads.push(await withBareTwins(workload(client, scene), workload(recording, scene), recorder));
    }

    // Warm both paths (JIT, connection pool) before measuring.
    await runPaired(workloads[0]!, pairs / 4);
    const paired = await runPaired(workloads[0]!, pairs);
    const elapsed = { client: 0, bare: 0 };
    for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
      const order = round % 2 === 0 ? (["client", "bare"] as const) : (["bare", "client"] as const);
      for (const mode of order) elapsed[mode] += await runConcurrently(mode, workloads, pairs / THROUGHPUT_ROUNDS);
    }

    const callsPerSec = { client: (pairs / elapsed.client) * 1000, bare: (pairs / elapsed.bare) * 1000 };
    const viaClient = summary(paired.client);
    const bare = summary(paired.bare);
    const undici = summary(paired.undici);
    const overhead = (clientMs: number, bareMs: number) => ((clientMs - bareMs) / bareMs) * 100;
    console.log(`SunCo client vs bare fetch of the same requests, against the standalone sandbox at ${url}`);
    console.log(`workload: ${workloads[0]!.map((call) => call.name).join(", ")}`);
    console.log(`latency, one call at a time, ${pairs} client calls each with its bare twins:`);
    for (const [name, figures] of [["client", viaClient], ["bare fetch", bare], ["bare undici", undici]] as const) {
      console.log(
        `  ${name.padEnd(11)} p50 ${figures.p50Ms.toFixed(3)} ms  p90 ${figures.p90Ms.toFixed(3)} ms  p99 ${figures.p99Ms.toFixed(3)} ms`,
      );
    }
    for (const [name, byMode] of paired.byCall) {
      const [clientP50, bareP50, undiciP50] = MODES.map((mode) => summary(byMode[mode]).p50Ms) as [number, number, number];
      console.log(
        `    ${name.padEnd(18)} p50 client ${clientP50.toFixed(3)} ms, bare fetch ${bareP50.toFixed(3)} ms ` +
          `(${overhead(clientP50, bareP50).toFixed(1)}%), bare undici ${undiciP50.toFixed(3)} ms (${overhead(clientP50, undiciP50).toFixed(1)}%)`,
      );
    }
    console.log(
      `  the client's own cost at p50, over bare undici: ${overhead(viaClient.p50Ms, undici.p50Ms).toFixed(1)}%` +
        ` (${((viaClient.p50Ms - undici.p50Ms) * 1000).toFixed(0)} µs a call)`,
    );
    console.log(
      `throughput, ${concurrency} agents at once: client ${callsPerSec.client.toFixed(0)} calls/s, ` +
        `bare fetch ${callsPerSec.bare.toFixed(0)} calls/s`,
    );
    console.log(
      JSON.stringify({
        callsPerSec: Math.round(callsPerSec.client),
        p50Ms: round3(viaClient.p50Ms),
        p99Ms: round3(viaClient.p99Ms),
        overheadP50Pct: Math.round(overhead(viaClient.p50Ms, bare.p50Ms) * 10) / 10,
      }),
    );
  } finally {
    child.kill("SIGTERM");
  }
}

await main();

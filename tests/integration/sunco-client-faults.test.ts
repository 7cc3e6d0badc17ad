// The client under the sandbox's fault injection: transient outages, rate limits, and message sends whose answer
// is lost, which must never leave a duplicate message.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLIENT_MESSAGE_ID_KEY, type SuncoCallEvent, type SuncoClient } from "@/lib/sunco";
import { startSandbox, type StartedSandbox } from "@/tests/support/sandbox-server";
import { appKeyCredentials, sandboxClient, TEST_RETRY_POLICY } from "@/tests/support/sunco-client";

const MESSAGES_PATH = "/v2/apps/*/conversations/*/messages";

let sandbox: StartedSandbox;
let events: SuncoCallEvent[];
let client: SuncoClient;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());
beforeEach(async () => {
  await sandbox.control.reset();
  events = [];
  client = sandboxClient(sandbox, appKeyCredentials(sandbox), { events });
});

const attempts = (operation: string) =>
  events.filter((event) => event.operation === operation).map((event) => [event.outcome, event.status ?? event.errorKind]);

async function conversation() {
  const user = await client.users.create({ externalId: "faulty" });
  return client.conversations.create({ type: "personal", participants: [{ userId: user.id }] });
}

/** The messages SunCo holds, read past the client so that a duplicate could not hide. */
async function storedMessages(conversationId: string) {
  const response = await fetch(`${sandbox.url}/_control/conversations/${conversationId}`);
  return ((await response.json()) as { messages: { id: string; metadata?: Record<string, unknown> }[] }).messages;
}

describe("transient failures", () => {
  it("three 503s then success: the call succeeds once, on its fourth request", async () => {
    const user = await client.users.create({ externalId: "steady" });
    events.length = 0;
    await sandbox.control.failNext(3, 503, { method: "GET", path: "/v2/apps/*/users/*" });
    expect((await client.users.get(user.id)).id).toBe(user.id);
    expect(attempts("GetUser")).toEqual([
      ["retry", 503],
      ["retry", 503],
      ["retry", 503],
      ["success", 200],
    ]);
    expect(await sandbox.control.faults()).toEqual([]);
  });

  it("429 with Retry-After: 1 waits about a second before the retry", async () => {
    await sandbox.control.failNext(1, 429, { method: "GET", path: "/v2/apps/*" }, 1);
    const started = performance.now();
    await client.app.get();
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1_000);
    expect(elapsed).toBeLessThan(2_500);
    expect(attempts("GetApp")).toEqual([
      ["retry", 429],
      ["success", 200],
    ]);
  });
});

describe("a message send whose answer is lost", () => {
  // The lookup waits settleMs, longer than the injected latency, so the lost request has landed by then.
  const slowSettling = { ...TEST_RETRY_POLICY, settleMs: 1_000 };

  it("delayed past the timeout, then retried: finds the message it sent and leaves exactly one", async () => {
    const { id } = await conversation();
    // 600,000 sandbox ms at the test time scale (0.001) is 600 ms: three times the client's timeout.
    await sandbox.control.delayNext(1, 600_000, { method: "POST", path: MESSAGES_PATH });
    const sent = await client.messages.send(
      id,
      { author: { type: "business" }, content: { type: "text", text: "Your order shipped" } },
      { timeoutMs: 200, retry: slowSettling },
    );
    const stored = await storedMessages(id);
    expect(stored).toHaveLength(1);
    expect(sent.map((message) => message.id)).toEqual([stored[0]!.id]);
    expect(attempts("PostMessage")).toEqual([["retry", "timeout"]]);
    expect(attempts("ListMessages")).toEqual([["success", 200]]);
  });

  it("lost before SunCo acted on it: sends again, once, and leaves exactly one", async () => {
    const { id } = await conversation();
    await sandbox.control.hangNext(1, { method: "POST", path: MESSAGES_PATH });
    const sent = await client.messages.send(
      id,
      { author: { type: "business" }, content: { type: "text", text: "Hello" } },
      { timeoutMs: 200, retry: slowSettling, clientMessageId: "outbox-1" },
    );
    const stored = await storedMessages(id);
    expect(stored.map((message) => message.metadata?.[CLIENT_MESSAGE_ID_KEY])).toEqual(["outbox-1"]);
    expect(sent[0]!.id).toBe(stored[0]!.id);
    expect(attempts("PostMessage")).toEqual([
      ["retry", "timeout"],
      ["success", 201],
    ]);
  });

  it("answered 503: checks, sends again, and leaves exactly one", async () => {
    const { id } = await conversation();
    await sandbox.control.failNext(2, 503, { method: "POST", path: MESSAGES_PATH });
    await client.messages.send(id, { author: { type: "business" }, content: { type: "text", text: "Hi" } });
    expect(await storedMessages(id)).toHaveLength(1);
    expect(attempts("PostMessage")).toEqual([
      ["retry", 503],
      ["retry", 503],
      ["success", 201],
    ]);
    expect(attempts("ListMessages")).toHaveLength(2);
  });
});

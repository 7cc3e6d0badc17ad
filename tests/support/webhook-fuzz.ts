// Property-based deliveries to SunCo's webhook intake: bodies (envelopes with valid, weird, duplicated and expired
// events, random JSON, text and bytes, oversized ones), headers (X-API-Key right, wrong, missing; content types real
// and garbage), addresses and transfers (declared length, chunked, an over-declared length). Each case says what any
// intake must do with it, so the same cases can be sent to every intake path and their answers compared: build them
// with `webhookFuzzCase(target)` (fast-check) or `sampleWebhookFuzzCases(target, { seed, count })`, send them with
// `sendWebhookFuzzCase(baseUrl, fuzzCase)`.
import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { WEBHOOK_TRIGGERS } from "@/lib/sunco/schemas";
import { MAX_WEBHOOK_BODY_BYTES } from "@/lib/webhooks";

/** The only answers an intake may give while the database is up. */
export const WEBHOOK_FUZZ_STATUSES: readonly number[] = [200, 400, 401, 403, 404, 413, 415];

/** The connection the deliveries are addressed to. */
export interface WebhookFuzzTarget {
  id: string;
  appId: string;
  webhookSecret: string;
}

export interface SentEvent {
  id: string;
  /** The event as sent (after a JSON round trip: what the intake parsed). */
  event: unknown;
}

export type Transfer =
  | { kind: "declared" }
  /** Transfer-Encoding: chunked, the body cut in this many pieces. */
  | { kind: "chunked"; pieces: number }
  /** A Content-Length over the limit, with only the (small) body behind it: must be refused without waiting. */
  | { kind: "overdeclared"; declared: number };

export interface WebhookFuzzCase {
  /** What kind of case this is, for failure reports. */
  label: string;
  /** The path segment after /api/webhooks/sunco/, URL-encoded. */
  connectionSegment: string;
  headers: Record<string, string>;
  body: Uint8Array;
  transfer: Transfer;
  /** A delivery SunCo could make to this connection: it must be answered 200 and stored. */
  rightful: boolean;
  /** Without the connection's secret, to the wrong address, too large or over-declared: never answered 200. */
  mustBeRefused: boolean;
  /** Stored exactly once, as sent, when the delivery is answered 200. */
  storable: SentEvent[];
  /** Never stored: older than the retention window. */
  expired: string[];
  /** Every string event id in the body: none may be stored when the delivery is refused. */
  eventIds: string[];
}

const DAY = 24 * 60 * 60 * 1000;
const CLEAN_IDENTIFIER = /^[^\p{Cc}\p{Cs}]+$/u;
const encoder = new TextEncoder();

const hex = (length: number) => fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: length, maxLength: length });
const hex24 = hex(24);

/** Strings that have broken intakes: NUL, unpaired surrogates, BOM, RTL marks, emoji, line separators. */
const NASTY_STRINGS = ["\u0000", "a\u0000b", "\ud800", "x\udfffy", "\ufeff", "\u202e", "😀", "👩‍👩‍👧", "\u2028", "\\u0000", "</script>", "'; DROP TABLE \"WebhookEvent\"; --"];
const text = fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 40 }), fc.constantFrom(...NASTY_STRINGS));

// ---------------------------------------------------------------------------------------------------------------
// Events

/** Ids and types SunCo could send: short, printable, any script. */
const cleanIdentifier = fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }).filter((value) => CLEAN_IDENTIFIER.test(value));
const eventId = fc.oneof({ weight: 6, arbitrary: hex24 }, { weight: 1, arbitrary: fc.uuid() }, { weight: 2, arbitrary: fc.tuple(cleanIdentifier, hex(8)).map(([a, b]) => `${a}${b}`) });
const eventType = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WEBHOOK_TRIGGERS) }, { weight: 1, arbitrary: cleanIdentifier.map((value) => `made:up:${value}`) });

/** Values no SunCo id or type has: what the intake must refuse (400), never fail on. */
const weirdIdentifier = fc.oneof(
  fc.constant("x".repeat(8 * 1024)),
  hex(8 * 1024),
  fc.constant(""),
  fc.constantFrom("\u0000", "ab\u0000cd", "\ud800", "id\udc00", "tab\there", "new\nline"),
  fc.constantFrom(42, null, true, { id: "nested" }, ["array"]),
);

const payload = fc.oneof(
  fc.jsonValue({ maxDepth: 3, stringUnit: "binary" }),
  fc.record({ message: fc.record({ content: fc.record({ type: fc.constant("text"), text }) }), conversation: fc.record({ id: hex24 }) }),
);

/** Milliseconds before now: fresh (well inside the retention window), or clearly past it. */
const freshAge = fc.integer({ min: 0, max: 20 * DAY });
const expiredAge = fc.integer({ min: 31 * DAY, max: 400 * DAY });

type CreatedAt = { kind: "age"; ms: number } | { kind: "absent" } | { kind: "raw"; value: unknown };
const freshCreatedAt: fc.Arbitrary<CreatedAt> = fc.oneof(
  { weight: 8, arbitrary: freshAge.map((ms) => ({ kind: "age" as const, ms })) },
  { weight: 1, arbitrary: fc.constant({ kind: "absent" as const }) },
  // Unreadable or in the future: no age to judge by, so it is stored.
  { weight: 1, arbitrary: fc.oneof(text, fc.constant("2999-01-01T00:00:00.000Z")).map((value) => ({ kind: "raw" as const, value })) },
);

interface EventDraft {
  fields: Record<string, unknown>;
  createdAt: CreatedAt;
  /** What an intake must do with it. */
  fate: "store" | "expire" | "refuse";
}

const baseEvent = fc.record({ id: eventId, type: eventType, payload, extra: fc.dictionary(fc.constantFrom("meta", "source", "x-extra"), text, { maxKeys: 2 }) });

const validEvent: fc.Arbitrary<EventDraft> = fc
  .tuple(baseEvent, freshCreatedAt)
  .map(([{ id, type, payload, extra }, createdAt]) => ({ fields: { ...extra, id, type, payload }, createdAt, fate: "store" }));

const expiredEvent: fc.Arbitrary<EventDraft> = fc
  .tuple(baseEvent, expiredAge)
  .map(([{ id, type, payload }, ms]) => ({ fields: { id, type, payload }, createdAt: { kind: "age", ms }, fate: "expire" }));

const weirdEvent: fc.Arbitrary<EventDraft> = fc
  .tuple(baseEvent, fc.constantFrom("id", "type", "both", "missing id", "createdAt"), weirdIdentifier, freshCreatedAt)
  .map(([{ id, type, payload }, which, weird, createdAt]): EventDraft => {
    const fields: Record<string, unknown> = { id, type, payload };
    if (which === "id" || which === "both") fields.id = weird;
    if (which === "type" || which === "both") fields.type = weird;
    if (which === "missing id") delete fields.id;
    // SunCo's timestamps are strings; anything else is not a SunCo event.
    if (which === "createdAt") return { fields, createdAt: { kind: "raw", value: typeof weird === "string" ? 1_700_000_000_000 : weird }, fate: "refuse" };
    return { fields, createdAt, fate: "refuse" };
  });

const eventDraft = fc.oneof({ weight: 16, arbitrary: validEvent }, { weight: 1, arbitrary: expiredEvent }, { weight: 2, arbitrary: weirdEvent });

function materialize(draft: EventDraft, now: number): Record<string, unknown> {
  const event = { ...draft.fields };
  if (draft.createdAt.kind === "age") event.createdAt = new Date(now - draft.createdAt.ms).toISOString();
  if (draft.createdAt.kind === "raw") event.createdAt = draft.createdAt.value;
  return event;
}

// ---------------------------------------------------------------------------------------------------------------
// Bodies

interface BodyDraft {
  label: string;
  bytes: Uint8Array;
  /** An envelope SunCo could send to the target (right app, every event valid or expired). */
  rightful: boolean;
  storable: SentEvent[];
  expired: string[];
  eventIds: string[];
}

function envelopeBody(target: WebhookFuzzTarget) {
  return fc
    .record({
      foreignApp: fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: hex24 }),
      webhookId: fc.oneof({ weight: 12, arbitrary: hex24 }, { weight: 1, arbitrary: weirdIdentifier }),
      events: fc.array(eventDraft, { maxLength: 6 }),
      redeliverFirst: fc.boolean(),
      padding: fc.oneof(
        { weight: 40, arbitrary: fc.constant(0) },
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 200_000 }) },
        { weight: 1, arbitrary: fc.integer({ min: MAX_WEBHOOK_BODY_BYTES - 4096, max: MAX_WEBHOOK_BODY_BYTES + 4096 }) },
        { weight: 1, arbitrary: fc.integer({ min: MAX_WEBHOOK_BODY_BYTES, max: 3 * MAX_WEBHOOK_BODY_BYTES }) },
      ),
    })
    .map(({ foreignApp, webhookId, events, redeliverFirst, padding }): BodyDraft => {
      const now = Date.now();
      const drafts = redeliverFirst && events[0] ? [...events, events[0]] : events;
      const sent = drafts.map((draft) => materialize(draft, now));
      const envelope = {
        app: { id: foreignApp ?? target.appId },
        webhook: { id: webhookId, version: "v2" },
        events: sent,
        ...(padding > 0 ? { padding: "p".repeat(padding) } : {}),
      };
      const json = JSON.stringify(envelope);
      const bytes = encoder.encode(json);
      // What the intake sees: the JSON parsed back (undefined dropped, -0 as 0, …).
      const parsed = (JSON.parse(json) as { events: Record<string, unknown>[] }).events;
      const storable = new Map<string, SentEvent>();
      drafts.forEach((draft, index) => {
        const event = parsed[index]!;
        if (draft.fate === "store" && !storable.has(event.id as string)) storable.set(event.id as string, { id: event.id as string, event });
      });
      const webhookIdValid = typeof webhookId === "string" && CLEAN_IDENTIFIER.test(webhookId) && webhookId.length <= 100;
      return {
        label: `envelope of ${drafts.length} event(s): ${drafts.map((d) => d.fate).join(", ") || "none"}${foreignApp ? ", another app" : ""}${webhookIdValid ? "" : ", weird webhook id"}${padding ? `, padded ${padding}` : ""}`,
        bytes,
        rightful: !foreignApp && webhookIdValid && drafts.every((draft) => draft.fate !== "refuse"),
        storable: [...storable.values()],
        expired: drafts.flatMap((draft, index) => (draft.fate === "expire" ? [parsed[index]!.id as string] : [])),
        eventIds: parsed.flatMap((event) => (typeof event.id === "string" ? [event.id] : [])),
      };
    });
}

const notADelivery = (label: string, bytes: Uint8Array): BodyDraft => ({ label, bytes, rightful: false, storable: [], expired: [], eventIds: [] });

function body(target: WebhookFuzzTarget): fc.Arbitrary<BodyDraft> {
  return fc.oneof(
    { weight: 20, arbitrary: envelopeBody(target) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 3, stringUnit: "binary" }).map((json) => notADelivery("random JSON", encoder.encode(json))) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 300 }).map((value) => notADelivery("random text", encoder.encode(value))) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((bytes) => notADelivery("random bytes", bytes)) },
    { weight: 1, arbitrary: fc.constant(notADelivery("empty body", new Uint8Array(0))) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(envelopeBody(target), fc.double({ min: 0, max: 1, noNaN: true }))
        .map(([draft, at]) => notADelivery("truncated envelope", draft.bytes.subarray(0, Math.floor(draft.bytes.length * at)))),
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Headers and addresses

const JSON_TYPES = ["application/json", "application/json; charset=utf-8", "Application/JSON", "application/vnd.sunco+json"];
const contentType = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...JSON_TYPES).map((value) => ({ value, json: true })) },
  {
    weight: 3,
    arbitrary: fc
      .oneof(fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "json", "application/jsonp"), fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,60}$/))
      .map((value) => ({ value, json: false })),
  },
  { weight: 1, arbitrary: fc.constant({ value: null, json: false }) },
);

/** Printable header values: anything else is refused by the HTTP client before it reaches an intake. */
const headerText = (maxLength: number) => fc.stringMatching(new RegExp(`^[\\x21-\\x7e]{1,${maxLength}}$`));

function apiKey(target: WebhookFuzzTarget) {
  return fc.oneof(
    { weight: 30, arbitrary: fc.constant({ value: target.webhookSecret as string | null, right: true }) },
    {
      weight: 4,
      arbitrary: fc
        .oneof(
          headerText(64),
          fc.constant(""),
          fc.constant("k".repeat(8 * 1024)),
          fc.constant(`${target.webhookSecret}x`),
          fc.constant(target.webhookSecret.slice(1)),
          fc.constant(target.webhookSecret.toUpperCase()),
          fc.string({ unit: fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 16 }),
        )
        .filter((value) => value !== target.webhookSecret)
        .map((value) => ({ value: value as string | null, right: false })),
    },
    { weight: 1, arbitrary: fc.constant({ value: null, right: false }) },
  );
}

function address(target: WebhookFuzzTarget) {
  return fc.oneof(
    { weight: 30, arbitrary: fc.constant({ segment: target.id, own: true }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"), minLength: 24, maxLength: 24 }).map((rest) => ({ segment: `c${rest}`, own: false })) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 200 }).map((value) => ({ segment: encodeURIComponent(value), own: false })) },
    { weight: 1, arbitrary: fc.constant({ segment: encodeURIComponent(`${target.id}\u0000`), own: false }) },
  );
}

const transfer: fc.Arbitrary<Transfer> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ kind: "declared" as const }) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 8 }).map((pieces) => ({ kind: "chunked" as const, pieces })) },
  { weight: 1, arbitrary: fc.integer({ min: MAX_WEBHOOK_BODY_BYTES + 1, max: 1024 * MAX_WEBHOOK_BODY_BYTES }).map((declared) => ({ kind: "overdeclared" as const, declared })) },
);

const extraHeaders = fc.dictionary(fc.constantFrom("x-request-id", "x-forwarded-for", "user-agent", "accept", "x-sunbridge-client-address"), headerText(120), { maxKeys: 3 });

// ---------------------------------------------------------------------------------------------------------------
// Cases

/** One delivery to `target`'s intake, with what any intake must make of it. */
export function webhookFuzzCase(target: WebhookFuzzTarget): fc.Arbitrary<WebhookFuzzCase> {
  return fc
    .record({ address: address(target), key: apiKey(target), type: contentType, body: body(target), transfer, extra: extraHeaders })
    .map(({ address, key, type, body, transfer, extra }): WebhookFuzzCase => {
      const headers: Record<string, string> = { ...extra };
      if (type.value !== null) headers["content-type"] = type.value;
      if (key.value !== null) headers["x-api-key"] = key.value;
      const tooLarge = body.bytes.length > MAX_WEBHOOK_BODY_BYTES || transfer.kind === "overdeclared";
      const label = `${body.label}; ${address.own ? "own connection" : "another address"}, ${key.right ? "right key" : "wrong key"}, ${type.value ?? "no content type"}, ${transfer.kind}, ${body.bytes.length} bytes`;
      const fuzzCase: WebhookFuzzCase = {
        label,
        connectionSegment: address.segment,
        headers,
        body: body.bytes,
        transfer,
        rightful: address.own && key.right && type.json && body.rightful && !tooLarge,
        mustBeRefused: !address.own || !key.right || tooLarge,
        storable: body.storable,
        expired: body.expired,
        eventIds: body.eventIds,
      };
      // How fast-check prints a failing case: a megabyte of body would drown the report.
      return Object.assign(fuzzCase, {
        [fc.toStringMethod]: () =>
          `${label}\n  POST /api/webhooks/sunco/${address.segment.slice(0, 80)}\n  headers ${JSON.stringify(headers).slice(0, 300)}\n  body ${JSON.stringify(Buffer.from(body.bytes.subarray(0, 600)).toString("utf8"))}`,
      });
    });
}

/** A fixed set of cases for `target`: the same seed gives the same cases, to compare intake paths on. */
export function sampleWebhookFuzzCases(target: WebhookFuzzTarget, options: { seed: number; count: number }): WebhookFuzzCase[] {
  return fc.sample(webhookFuzzCase(target), { seed: options.seed, numRuns: options.count });
}

// ---------------------------------------------------------------------------------------------------------------
// Sending

export interface FuzzAnswer {
  status: number;
  body: string;
}

const ANSWER_TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

/** Sends the case over HTTP as it describes (declared, chunked, over-declared) and resolves to the answer. */
export function sendWebhookFuzzCase(baseUrl: string, fuzzCase: WebhookFuzzCase): Promise<FuzzAnswer> {
  const url = new URL(`/api/webhooks/sunco/${fuzzCase.connectionSegment}`, baseUrl);
  const headers: Record<string, string> = { ...fuzzCase.headers };
  const { transfer, body } = fuzzCase;
  if (transfer.kind === "declared") headers["content-length"] = String(body.length);
  if (transfer.kind === "overdeclared") headers["content-length"] = String(transfer.declared);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, answer?: FuzzAnswer) => {
      if (settled) return;
      settled = true;
      request.destroy();
      if (error) reject(error);
      else resolve(answer!);
    };
    // A fresh socket per case: an intake that answers before reading everything leaves the rest unread.
    const request = httpRequest(url, { method: "POST", headers, agent: false });
    request.setTimeout(ANSWER_TIMEOUT_MS, () => finish(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms (${fuzzCase.label})`)));
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
      });
      response.on("end", () => finish(null, { status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", (error) => finish(error));
    });
    // Once answered, the intake may close the socket under the rest of the body: only an error before that counts.
    request.on("error", (error) => finish(error));
    const pieces = transfer.kind === "chunked" ? transfer.pieces : 1;
    const size = Math.ceil(body.length / pieces) || 1;
    for (let offset = 0; offset < body.length; offset += size) request.write(body.subarray(offset, offset + size));
    request.end();
  });
}

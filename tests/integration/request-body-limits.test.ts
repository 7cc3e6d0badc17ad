// Every route that reads a body stops at its limit while reading, whether or not a length was declared, and answers
// 413: a sender cannot make the server hold more than the limit.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { POST as attachmentPost } from "@/app/api/inbox/conversations/[conversationId]/attachments/route";
import { POST as removedPost } from "@/app/api/oauth/sunco/removed/route";
import { POST as webhookPost } from "@/app/api/webhooks/sunco/[connectionId]/route";
import { POST as sandboxPost } from "@/app/sandbox/sc/[...path]/route";
import { MAX_REMOVAL_NOTICE_BYTES } from "@/lib/connections";
import { MAX_ATTACHMENT_BYTES } from "@/lib/inbox";
import { restartMountedSandboxForTests } from "@/lib/sandbox/mounted";
import { MAX_WEBHOOK_BODY_BYTES } from "@/lib/webhooks";
import { actAs, createOrganization } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { chunkedPost, countedBody } from "../support/request-bodies";
import { createWebhookConnection } from "../support/webhooks";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";

// The removal notice is checked after answering; nothing to check here.
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), after: vi.fn() }));

withTestDatabase();
afterAll(() => restartMountedSandboxForTests());

const APP_URL = "http://localhost:3999";
const CHUNK = 64 * 1024;
/** Far more than any limit: a route that reads it all is caught by the count, not by running out of memory. */
const HUGE = 300 * 1024 * 1024;

async function expectRefusedWhileReading(send: (body: ReturnType<typeof countedBody>) => Promise<Response>, limit: number) {
  const body = countedBody(HUGE, { chunkBytes: CHUNK });
  const response = await send(body);
  expect(response.status).toBe(413);
  expect(body.pulled()).toBeLessThanOrEqual(limit + CHUNK);
  return response;
}

const params = <T>(value: T) => ({ params: Promise.resolve(value) });

describe("a chunked body larger than the route's limit is refused with 413 while it is read", () => {
  beforeAll(async () => {
    const { organization, owner } = await createOrganization();
    await actAs(owner.id, organization.id);
  });

  it("POST /api/oauth/sunco/removed", async () => {
    await expectRefusedWhileReading(
      (body) => removedPost(chunkedPost(`${APP_URL}/api/oauth/sunco/removed`, body, { "content-type": "application/json" }), params({})),
      MAX_REMOVAL_NOTICE_BYTES,
    );
  });

  it("POST /api/webhooks/sunco/[connectionId]", async () => {
    const connection = await createWebhookConnection();
    await expectRefusedWhileReading(
      (body) =>
        webhookPost(
          chunkedPost(`${APP_URL}/api/webhooks/sunco/${connection.id}`, body, { "content-type": "application/json", "x-api-key": connection.webhookSecret }),
          params({ connectionId: connection.id }),
        ),
      MAX_WEBHOOK_BODY_BYTES,
    );
  });

  it("POST /api/inbox/conversations/[conversationId]/attachments, before parsing the form", async () => {
    const response = await expectRefusedWhileReading(
      (body) =>
        attachmentPost(
          chunkedPost(`${APP_URL}/api/inbox/conversations/c1/attachments`, body, { "content-type": "multipart/form-data; boundary=x" }),
          params({ conversationId: "c1" }),
        ),
      MAX_ATTACHMENT_BYTES + 64 * 1024,
    );
    expect((await response.json()).error.message).toMatch(/at most 25 MB/);
  });

  it("POST /api/auth/callback/credentials", async () => {
    await expectRefusedWhileReading(
      (body) =>
        authPost(
          chunkedPost(`${APP_URL}/api/auth/callback/credentials`, body, { "content-type": "application/x-www-form-urlencoded" }) as never,
          params({ nextauth: ["callback", "credentials"] }),
        ),
      64 * 1024,
    );
  });

  it.each([
    ["a JSON operation", "/v2/apps/65f000000000000000000a01/users", "application/json", 100 * 1024],
    ["the OAuth token exchange", "/oauth/token", "application/x-www-form-urlencoded", 100 * 1024],
    ["the consent form", "/oauth/authorize", "application/x-www-form-urlencoded", 100 * 1024],
    ["an attachment upload", "/v2/apps/65f000000000000000000a01/attachments?access=public", "multipart/form-data; boundary=x", 50 * 1024 * 1024 + 64 * 1024],
    ["the simulator's file upload", "/_control/conversations/c1/files", "multipart/form-data; boundary=x", 50 * 1024 * 1024 + 64 * 1024],
  ])("the mounted sandbox: %s", async (_name, path, contentType, limit) => {
    const response = await expectRefusedWhileReading(
      (body) =>
        sandboxPost(
          chunkedPost(`${APP_URL}/sandbox/sc${path}`, body, {
            // From this machine, as scripts/serve.ts says: the sandbox's control plane answers loopback clients only.
            [CLIENT_ADDRESS_HEADER]: "127.0.0.1",
            "content-type": contentType,
            authorization: `Basic ${Buffer.from("app_65f000000000000000000a02:sandbox-acme-app-secret-not-for-production").toString("base64")}`,
          }),
        ),
      limit,
    );
    expect((await response.json()).errors[0].code).toBe("payload_too_large");
  });
});

describe("a declared length over the limit is refused before reading", () => {
  it("POST /api/oauth/sunco/removed", async () => {
    const body = countedBody(10);
    const response = await removedPost(
      chunkedPost(`${APP_URL}/api/oauth/sunco/removed`, body, { "content-length": String(MAX_REMOVAL_NOTICE_BYTES + 1) }),
      params({}),
    );
    expect(response.status).toBe(413);
    expect(body.pulled()).toBe(0);
  });
});

import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger(destination, "debug"), lines };
}

const JWT = "eyJhbGciOiJIUzI1NiIsImtpZCI6ImFwcF8xIn0.eyJzY29wZSI6ImludGVncmF0aW9uIiwiYXBwSWQiOiJhYmMifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
const WEBHOOK_SECRET = "8564b3e6a8b20a4bdb68b05ce9bc5936";
const KEY_SECRET = "Zt7NqJ3xkQ0-Lw9sYv_2";

describe("logs", () => {
  it("never contain a token or secret, whether in a known field or inside a message", () => {
    const { log, lines } = capture();
    log.info({ accessToken: JWT, connection: { webhook: { secret: WEBHOOK_SECRET } }, apiKey: KEY_SECRET }, "connected");
    log.info({ headers: { authorization: `Basic ${Buffer.from(`app_1:${KEY_SECRET}`).toString("base64")}`, "x-api-key": WEBHOOK_SECRET } }, "call");
    log.error({ err: new Error(`SunCo refused token ${JWT} for webhook secret ${WEBHOOK_SECRET}`) }, "failed");
    log.warn(`redirect to https://app.test/callback?code=abc123secretcode&state=s with Bearer ${JWT}`);
    log.info({ body: { client_secret: "oauth-client-secret-value", code: "658965" } }, "token exchange");

    const written = lines.join("");
    for (const secret of [JWT, WEBHOOK_SECRET, KEY_SECRET, "abc123secretcode", "oauth-client-secret-value"]) {
      expect(written).not.toContain(secret);
    }
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[0]!)).toMatchObject({ accessToken: "[redacted]", msg: "connected" });
  });
});

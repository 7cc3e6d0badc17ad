import { describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, UpstreamError } from "@/lib/errors";
import { explainSuncoFailure, SuncoError } from "@/lib/sunco";

const explain = (details: ConstructorParameters<typeof SuncoError>[0]) => explainSuncoFailure(new SuncoError(details)) as UpstreamError;

describe("a failed SunCo call, as the person who asked sees it", () => {
  it("a refusal carries SunCo's codes and titles", () => {
    const error = explain({ kind: "client", operation: "CreateSwitchboard", status: 400, errors: [{ code: "bad_request", title: "Only one switchboard can be created per app" }] });
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.message).toBe("SunCo refused the request (HTTP 400): Only one switchboard can be created per app (bad_request).");
    expect(error.details).toEqual([{ code: "bad_request", title: "Only one switchboard can be created per app" }]);
    expect(error.status).toBe(422);
  });

  it("a change that may have happened says so, one that did not says nothing changed", () => {
    expect(explain({ kind: "server", operation: "CreateIntegration", status: 503, mayHaveSucceeded: true }).message).toMatch(
      /did not confirm the change \(HTTP 503\); it may have been applied anyway\. Reload/,
    );
    expect(explain({ kind: "network", operation: "CreateIntegration", mayHaveSucceeded: false }).message).toBe(
      "SunCo could not be reached (network). Nothing was changed; try again.",
    );
    expect(explain({ kind: "rate_limited", operation: "ListIntegrations", status: 429 }).message).toMatch(/Nothing was changed/);
  });

  it("refused credentials ask for a reconnection; a vanished record for a reload", () => {
    expect(explain({ kind: "auth", operation: "ListWebhooks", status: 401 }).message).toMatch(/Reconnect the app/);
    expect(explain({ kind: "not_found", operation: "GetWebhook", status: 404, errors: [{ code: "not_found", title: "Webhook not found" }] }).message).toBe(
      "SunCo could not find it (Webhook not found (not_found)). It may have been changed outside Sunbridge: reload to see what exists now.",
    );
  });

  it("leaves other errors as they are", () => {
    const other = new Error("boom");
    expect(explainSuncoFailure(other)).toBe(other);
  });
});

describe("a failed SunCo call, as an agent in a conversation reads it", () => {
  const failure = (details: ConstructorParameters<typeof SuncoError>[0], reader: Parameters<typeof explainSuncoFailure>[1]) =>
    explainSuncoFailure(new SuncoError(details), reader);
  const limit = { code: "locked", title: "Message limit reached" };

  it("says what SunCo refused, as SunCo worded it", () => {
    const refused = failure({ kind: "client", operation: "PassControl", status: 400, errors: [limit] }, { audience: "agent", asked: "to pass control" });
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused.message).toBe("SunCo refused to pass control: Message limit reached (locked)");
    const gone = failure({ kind: "not_found", operation: "PostActivity", status: 404 }, { audience: "agent", asked: "to show that you are typing" });
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(gone.message).toMatch(/^SunCo refused to show that you are typing: SunCo PostActivity failed: HTTP 404$/);
  });

  it("asks an admin to reconnect when the credentials stopped working, whatever was asked", () => {
    const error = failure({ kind: "auth", operation: "PostMessage", status: 401 }, { audience: "agent", asked: "the message", attempts: 1 });
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe("SunCo no longer accepts this connection's credentials: an admin must connect it again.");
  });

  it("says to try again after an outage, or how often a job already tried", () => {
    const busy: ConstructorParameters<typeof SuncoError>[0] = {
      kind: "rate_limited",
      operation: "PostMessage",
      status: 429,
      errors: [{ code: "too_many_requests", title: "Slow down" }],
    };
    expect(failure(busy, { audience: "agent", asked: "to take the file" }).message).toBe("SunCo did not answer in time to take the file; try again in a moment.");
    expect(failure(busy, { audience: "agent", asked: "the message", attempts: 5 }).message).toBe(
      "SunCo did not take the message after 5 attempts: Slow down (too_many_requests)",
    );
  });
});

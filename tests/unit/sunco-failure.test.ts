import { describe, expect, it } from "vitest";
import { explainSuncoFailure } from "@/lib/connections/sunco-failure";
import { UpstreamError } from "@/lib/errors";
import { SuncoError } from "@/lib/sunco";

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

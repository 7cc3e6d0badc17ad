import { describe, expect, it } from "vitest";
import { CAPABILITY_OPERATIONS, capabilitiesOf, capabilityOf, mayCall, requireCapability } from "@/lib/connections/capabilities";
import { ForbiddenError } from "@/lib/errors";
import { specOperations } from "../support/sunco/spec";

const oauth = { authType: "oauth", state: "active" } as const;
const apiKey = { authType: "api_key_basic", state: "active" } as const;

describe("what a connection's credentials may do", () => {
  it("agrees with the official spec's security for every operation the settings use", () => {
    const spec = new Map(specOperations().map((operation) => [operation.operationId, operation.scopes]));
    for (const operation of Object.values(CAPABILITY_OPERATIONS).flat()) {
      expect(mayCall(oauth, operation), `OAuth ${operation}`).toBe(spec.get(operation)!.includes("integration"));
      expect(mayCall(apiKey, operation), `app key ${operation}`).toBe(spec.get(operation)!.includes("app"));
    }
  });

  it("an OAuth token manages its webhooks and conversation control, not integrations, keys, switchboards or settings", () => {
    const capabilities = capabilitiesOf(oauth);
    expect(capabilities.webhooks).toEqual({ allowed: true });
    expect(capabilities.conversationControl).toEqual({ allowed: true });
    for (const capability of ["integrations", "integrationKeys", "switchboard", "appSettings"] as const) {
      expect(capabilities[capability].allowed, capability).toBe(false);
    }
    expect(capabilityOf(oauth, "switchboard")).toEqual({
      allowed: false,
      reason:
        "An OAuth token can't manage the switchboard: SunCo accepts ListSwitchboards, CreateSwitchboard, UpdateSwitchboard, " +
        "DeleteSwitchboard, ListSwitchboardIntegrations, CreateSwitchboardIntegration, UpdateSwitchboardIntegration, " +
        "DeleteSwitchboardIntegration only with app API key or account API key credentials. Connect this app with an app API key " +
        "to do it from Sunbridge.",
    });
  });

  it("an app key may do all of it; a disconnected connection none of it", () => {
    expect(Object.values(capabilitiesOf(apiKey)).every((check) => check.allowed)).toBe(true);
    const revoked = capabilitiesOf({ ...apiKey, state: "revoked" });
    expect(Object.values(revoked).every((check) => !check.allowed && /disconnected/.test(check.reason))).toBe(true);
  });

  it("refuses with the reason as a ForbiddenError", () => {
    expect(() => requireCapability(oauth, "integrations")).toThrow(ForbiddenError);
    expect(() => requireCapability(oauth, "integrations")).toThrow(/^An OAuth token can't see or change the app's other integrations/);
    expect(() => requireCapability(apiKey, "integrations")).not.toThrow();
  });
});

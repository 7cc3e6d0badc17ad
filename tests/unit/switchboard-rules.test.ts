import { describe, expect, it } from "vitest";
import { controlRules, fullSwitchboardReason, integrationChoices, isOwnIntegration, MAX_SWITCHBOARD_INTEGRATIONS } from "@/lib/switchboards";
import { ownOAuthIntegrationType } from "@/lib/switchboards/integration-choices";

const oauth = { authType: "oauth", state: "active", integrationId: null } as const;
const appKey = { authType: "api_key_basic", state: "active", integrationId: "65f000000000000000000001" } as const;
const own = () => ({ name: "sunbridge", integrationType: ownOAuthIntegrationType()! });
const agents = { name: "agents", integrationType: "zd:agentWorkspace" };
const partner = { name: "partner", integrationId: appKey.integrationId, integrationType: "custom" };
const conversation = (state: Partial<{ active: object | null; pending: object | null; readOnlyReason: string | null }>) => ({
  active: null,
  pending: null,
  readOnlyReason: null,
  ...state,
});

describe("who may change control of a conversation", () => {
  it("knows Sunbridge's own integration: its OAuth client for an OAuth connection, its custom integration for an app key", () => {
    expect(isOwnIntegration(oauth, own())).toBe(true);
    expect(isOwnIntegration(oauth, agents)).toBe(false);
    expect(isOwnIntegration(appKey, partner)).toBe(true);
    expect(isOwnIntegration(appKey, own())).toBe(false);
    expect(isOwnIntegration(appKey, null)).toBe(false);
  });

  it("lets an OAuth token release or accept only for Sunbridge's own integration, and never list the switchboard", () => {
    const others = controlRules(oauth, conversation({ active: agents, pending: agents }));
    expect(others.release).toEqual({ allowed: false, reason: expect.stringMatching(/release control only while it holds it; agents does/) });
    expect(others.accept).toEqual({ allowed: false, reason: expect.stringMatching(/accept only an offer made to it; agents was offered control/) });
    expect(others.listTargets).toEqual({ allowed: false, reason: expect.stringMatching(/OAuth connections/) });
    expect([others.pass, others.offer]).toEqual([{ allowed: true }, { allowed: true }]);
    const ours = controlRules(oauth, conversation({ active: own(), pending: own() }));
    expect([ours.release, ours.accept]).toEqual([{ allowed: true }, { allowed: true }]);
  });

  it("lets an app key do each as long as there is something to release or accept", () => {
    const rules = controlRules(appKey, conversation({ active: agents, pending: agents }));
    expect(Object.values(rules).every((check) => check.allowed)).toBe(true);
    const idle = controlRules(appKey, conversation({}));
    expect(idle.release).toEqual({ allowed: false, reason: "No switchboard integration is in control of this conversation." });
    expect(idle.accept).toEqual({ allowed: false, reason: "No integration has been offered control of this conversation." });
  });

  it("refuses everything for a read-only conversation, and for disconnected credentials, with the reason", () => {
    const deleted = controlRules(appKey, conversation({ active: partner, readOnlyReason: "This conversation was deleted in SunCo." }));
    expect(new Set(Object.values(deleted))).toEqual(new Set([{ allowed: false, reason: "This conversation was deleted in SunCo." }]));
    const revoked = controlRules({ ...appKey, state: "revoked" });
    expect(Object.values(revoked).every((check) => !check.allowed && /disconnected/.test(check.reason))).toBe(true);
  });

  it("leaves what only the conversation's state decides to SunCo when the read model does not hold it (the Switchboard tab)", () => {
    const rules = controlRules(oauth);
    expect([rules.pass, rules.offer, rules.accept, rules.release]).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }, { allowed: true }]);
  });
});

describe("what a new switchboard integration may stand for", () => {
  const step = (name: string, integrationType: string) => ({ name, integrationType }) as Parameters<typeof integrationChoices>[0][number];

  it("offers the custom integrations, the Agent Workspace, Sunbridge's own OAuth client and the OAuth types in use", () => {
    const choices = integrationChoices([step("bot", "custom"), step("crm", "acme:crm")], [{ id: "65f000000000000000000002", displayName: "Bot" }]);
    expect(choices).toEqual([
      { value: "custom:65f000000000000000000002", label: "Bot (custom)" },
      { value: "oauth:zd:agentWorkspace", label: "Zendesk Agent Workspace (zd:agentWorkspace)" },
      { value: `oauth:${ownOAuthIntegrationType()}`, label: `Sunbridge, OAuth (${ownOAuthIntegrationType()})` },
      { value: "oauth:acme:crm", label: "acme:crm" },
    ]);
  });

  it("says when the switchboard is full, at SunCo's ten", () => {
    const chain = Array.from({ length: MAX_SWITCHBOARD_INTEGRATIONS }, (_, i) => step(`s${i}`, "custom"));
    expect(fullSwitchboardReason(chain.slice(1))).toBeNull();
    expect(fullSwitchboardReason(chain)).toBe("The switchboard already has the 10 integrations SunCo allows.");
  });
});

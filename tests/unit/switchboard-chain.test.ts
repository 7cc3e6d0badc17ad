import { describe, expect, it } from "vitest";
import { switchboardChain } from "@/lib/switchboards/chain";

const member = (id: string, name: string, next: string | null = null) => ({
  id,
  name,
  integrationId: `integration-${id}`,
  integrationType: "custom",
  deliverStandbyEvents: true,
  nextSwitchboardIntegrationId: next,
});

describe("a switchboard's chain", () => {
  it("orders from the default along each next, then those no step leads to", () => {
    const chain = switchboardChain({ defaultSwitchboardIntegrationId: "b" }, [member("a", "agents"), member("c", "loose"), member("b", "bot", "a")]);
    expect(chain.map((step) => [step.step, step.name, step.nextName, step.isDefault])).toEqual([
      [1, "bot", "agents", true],
      [2, "agents", null, false],
      [null, "loose", null, false],
    ]);
  });

  it("says why SunCo would refuse deleting the default and a next", () => {
    const chain = switchboardChain({ defaultSwitchboardIntegrationId: "b" }, [member("b", "bot", "a"), member("a", "agents"), member("c", "loose")]);
    expect(chain.map((step) => step.undeletableBecause)).toEqual([
      "It is the switchboard's default integration: choose another default first.",
      "bot passes control to it next: change that first.",
      null,
    ]);
  });

  it("stops where a cycle comes round, and copes with no switchboard default", () => {
    const cycle = switchboardChain({ defaultSwitchboardIntegrationId: "a" }, [member("a", "one", "b"), member("b", "two", "a")]);
    expect(cycle.map((step) => [step.step, step.name])).toEqual([
      [1, "one"],
      [2, "two"],
    ]);
    expect(switchboardChain(null, [member("a", "one")]).map((step) => step.step)).toEqual([null]);
  });
});

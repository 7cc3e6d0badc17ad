// A switchboard's integrations in the order control flows: from the default along each nextSwitchboardIntegrationId,
// then those no step leads to. Also why SunCo would refuse to delete one, so the page can say so beforehand.
import type { Switchboard, SwitchboardIntegration } from "@/lib/sunco/schemas";
import { switchboardIntegrationView } from "./switchboard-integration-view";

export type ChainStep = ReturnType<typeof switchboardIntegrationView> & {
  /** 1 for the default, 2 for its next…; null when no step of the chain leads here. */
  step: number | null;
  isDefault: boolean;
  nextName: string | null;
  /** Set when SunCo refuses deleting it: the default, or another one's next. */
  undeletableBecause: string | null;
};

function undeletableBecause(member: SwitchboardIntegration, isDefault: boolean, members: SwitchboardIntegration[]) {
  if (isDefault) return "It is the switchboard's default integration: choose another default first.";
  const namedBy = members.filter((other) => other.nextSwitchboardIntegrationId === member.id).map((other) => other.name);
  return namedBy.length > 0 ? `${namedBy.join(" and ")} passes control to it next: change that first.` : null;
}

export function switchboardChain(
  switchboard: Pick<Switchboard, "defaultSwitchboardIntegrationId"> | null,
  members: SwitchboardIntegration[],
): ChainStep[] {
  const byId = new Map(members.map((member) => [member.id, member]));
  const chain: SwitchboardIntegration[] = [];
  const seen = new Set<string>();
  // A cycle (a → b → a) ends the chain where it comes round again.
  for (let current = byId.get(switchboard?.defaultSwitchboardIntegrationId ?? ""); current && !seen.has(current.id); ) {
    seen.add(current.id);
    chain.push(current);
    current = byId.get(current.nextSwitchboardIntegrationId ?? "");
  }
  const ordered = [...chain, ...members.filter((member) => !seen.has(member.id))];
  return ordered.map((member, index) => {
    const isDefault = member.id === switchboard?.defaultSwitchboardIntegrationId;
    return {
      ...switchboardIntegrationView(member),
      step: index < chain.length ? index + 1 : null,
      isDefault,
      nextName: byId.get(member.nextSwitchboardIntegrationId ?? "")?.name ?? null,
      undeletableBecause: undeletableBecause(member, isDefault, members),
    };
  });
}

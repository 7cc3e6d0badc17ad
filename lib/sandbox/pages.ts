// What the sandbox's own pages (the simulator and the delivery log) show, read from a sandbox's state.
import type { Sandbox } from "./sandbox";
import type { DeliveryRecord } from "./state";

export interface SimulatorApp {
  id: string;
  displayName: string;
  subdomain: string;
  multiConvoEnabled: boolean;
}

export function simulatorApps(sandbox: Sandbox): SimulatorApp[] {
  return sandbox.context.state.apps.all().map((app) => ({
    id: app.id,
    displayName: app.displayName,
    subdomain: app.subdomain,
    multiConvoEnabled: Boolean(app.settings.multiConvoEnabled),
  }));
}

/** The most recent deliveries first, optionally those of one app only. */
export function deliveryLog(sandbox: Sandbox, filter: { appId?: string; limit?: number } = {}): DeliveryRecord[] {
  const { deliveries } = sandbox.context.state;
  const matching = filter.appId ? deliveries.where((d) => d.appId === filter.appId) : deliveries.all();
  return matching.reverse().slice(0, filter.limit ?? 200);
}

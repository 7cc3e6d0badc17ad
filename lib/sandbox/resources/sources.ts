// Where messages and activities come from: the REST API, or an end user's SDK client on a device.
import type { SandboxContext } from "../context";
import type { MessageSource, UserRecord } from "../state";

export const API_SOURCE: MessageSource = { type: "api:conversations" };

/** The user's SDK client and device (the simulator's), or the API when they have none. */
export function sdkSource(ctx: SandboxContext, user: UserRecord): MessageSource {
  const client = ctx.state.clients.find((c) => c.userId === user.id && c.type === "sdk");
  const device = client && ctx.state.devices.find((d) => d.clientId === client.id);
  if (!client || !device) return API_SOURCE;
  return { type: "web", integrationId: device.integrationId, clientId: client.id, deviceId: device.id };
}

// Serves a sandbox over HTTP on its own (npm run sandbox, tests): the API at the root, like api.smooch.io. Its
// control plane trusts the socket's peer: clients on this machine, or the token's holders elsewhere.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createSandbox, type Sandbox, type SandboxOptions } from "./sandbox";

export interface RunningSandbox {
  sandbox: Sandbox;
  /** e.g. http://127.0.0.1:4010 */
  url: string;
  close(): Promise<void>;
}

export async function serveSandbox(
  options: Omit<SandboxOptions, "basePath"> & { port?: number; hostname?: string },
): Promise<RunningSandbox> {
  const { port = 0, hostname = "127.0.0.1", ...sandboxOptions } = options;
  // Tests' webhook receivers listen on random local ports.
  const sandbox = createSandbox({ ...sandboxOptions, webhookTargets: { loopback: true, ...sandboxOptions.webhookTargets } });
  const { server, address } = await new Promise<{ server: ReturnType<typeof serve>; address: AddressInfo }>(
    (resolve, reject) => {
      const started = serve(
        { fetch: (request, { incoming }) => sandbox.fetch(request, { address: incoming.socket.remoteAddress ?? "unknown" }), port, hostname },
        (info) => resolve({ server: started, address: info }),
      );
      started.once("error", reject);
    },
  );
  return {
    sandbox,
    url: `http://${hostname}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        sandbox.stop();
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung requests (an injected fault) and keep-alive sockets would hold the server open.
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}

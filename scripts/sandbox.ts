// npm run sandbox -- --port 4010 [--time-scale 0.001] [--app-url http://localhost:3000] [--host 127.0.0.1]
//                    [--allow-target http://partner.test:8080 …]
// Serves the SunCo sandbox on its own, with SunCo's API at the root (like api.smooch.io). Webhooks go to the app URL's
// origin, any port on this machine and the --allow-target origins; /_control answers this machine, or SANDBOX_TOKEN.
import "./development-mode";
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { serveSandbox } from "@/lib/sandbox/server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    "time-scale": { type: "string" },
    "app-url": { type: "string" },
    "allow-target": { type: "string", multiple: true, default: [] },
  },
});

const port = Number(values.port);
const timeScale = values["time-scale"] === undefined ? env().sunco.sandboxTimeScale : Number(values["time-scale"]);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: "${values.port}" is not a port number`);
if (!(timeScale > 0)) throw new Error(`--time-scale: "${values["time-scale"]}" must be a positive number`);
const appUrl = values["app-url"] ?? env().APP_URL;
new URL(appUrl);
for (const origin of values["allow-target"]) new URL(origin);

const running = await serveSandbox({
  port,
  hostname: values.host,
  timeScale,
  appUrl,
  access: { token: env().SANDBOX_TOKEN },
  webhookTargets: { origins: values["allow-target"] },
});
const { apps, oauthClients } = running.sandbox.fixtures;
console.log(`SunCo sandbox listening on ${running.url} (time scale ${timeScale})`);
for (const app of apps) {
  const key = app.appKeys[0]!;
  console.log(`  app ${app.id}  "${app.displayName}"  subdomain ${app.subdomain}  key ${key.id}:${key.secret}`);
}
for (const client of oauthClients) {
  console.log(`  OAuth client ${client.clientId}  redirect ${client.redirectUris.join(", ")}  removeUrl ${client.removeUrl}`);
}
console.log(`  fixtures: ${running.url}/_control/fixtures   consent: ${running.url}/oauth/authorize?client_id=${oauthClients[0]!.clientId}&response_type=code`);

const shutdown = () => void running.close().then(() => process.exit(0));
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

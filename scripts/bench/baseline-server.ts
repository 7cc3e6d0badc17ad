// The baseline of `npm run bench:webhooks`: the least a webhook endpoint can do — node:http, a constant-time key
// check and one INSERT of the raw events with pg — to compare the product's endpoint with, on the same machine.
import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import pg from "pg";

const [databaseUrl, port, connectionId, secret] = process.argv.slice(2) as [string, string, string, string];
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
const expected = createHash("sha256").update(secret).digest();

const INSERT = `
  INSERT INTO "WebhookEvent" ("connectionId", "suncoEventId", "type", "event")
  SELECT $1, e.id, e.type, e.event FROM unnest($2::text[], $3::text[], $4::json[]) AS e(id, type, event)
  ON CONFLICT ("connectionId", "suncoEventId") DO NOTHING`;

const server = http.createServer((request, response) => {
  const key = String(request.headers["x-api-key"] ?? "");
  if (!timingSafeEqual(createHash("sha256").update(key).digest(), expected)) {
    response.writeHead(401).end();
    return;
  }
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const events = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { events: { id: string; type: string }[] }).events;
    pool
      .query(INSERT, [connectionId, events.map((e) => e.id), events.map((e) => e.type), events.map((e) => JSON.stringify(e))])
      .then(() => response.writeHead(200, { "content-type": "application/json" }).end("{}"))
      .catch(() => response.writeHead(503).end());
  });
});
server.listen(Number(port), "127.0.0.1", () => console.log("baseline listening"));
process.on("SIGTERM", () => server.close(() => void pool.end().then(() => process.exit(0))));

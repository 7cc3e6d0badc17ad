// /docs/api — the Sunbridge API's reference: how to authenticate, the problem types errors answer with (each `type`
// links here), and the operations rendered by Swagger UI from /api/v1/openapi.json, all served by the app itself.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { PROBLEMS, problemType } from "@/lib/api";
import { SwaggerReference } from "./SwaggerReference";
// Swagger UI's stylesheet, bundled with the page's own CSS: served from the app like every stylesheet.
import "swagger-ui-dist/swagger-ui.css";

export const metadata: Metadata = { title: "API reference" };

/** The nonce proxy.ts gave this request's policy: the only way a script runs on the page. */
async function nonce(): Promise<string | undefined> {
  return /'nonce-([^']+)'/.exec((await headers()).get("content-security-policy") ?? "")?.[1];
}

export default async function ApiDocsPage() {
  const scriptNonce = await nonce();
  return (
    <main className="docs">
      <header className="page-header">
        <h1>Sunbridge API</h1>
        <p>
          Everything an agent does in the inbox, for your backend. Create a key in Settings → API keys and send it as{" "}
          <code>Authorization: Bearer sbk_…</code>. A key sees its whole organization; its scopes (<code>read</code>, <code>send</code>,{" "}
          <code>manage</code>) say what it may do. Writes that must happen once take an <code>Idempotency-Key</code> header: the same key and
          body within 24 hours answers the first answer again. Each key may make a number of requests a minute: see the{" "}
          <code>RateLimit-*</code> headers. The machine-readable document is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
        </p>
      </header>
      <section className="card" aria-labelledby="problems-heading">
        <h2 id="problems-heading">Errors</h2>
        <p>
          Errors are <code>application/problem+json</code> (RFC 9457): <code>type</code>, <code>title</code>, <code>status</code>,{" "}
          <code>detail</code>, and for 422 <code>errors</code> (field → messages). Branch on <code>type</code>; it is one of:
        </p>
        <dl className="problems">
          {Object.values(PROBLEMS).map((kind) => (
            <div key={kind.slug} id={`problem-${kind.slug}`}>
              <dt>
                <code>{problemType(kind)}</code> — {kind.status} {kind.title}
              </dt>
              <dd>{kind.meaning}</dd>
            </div>
          ))}
        </dl>
      </section>
      <SwaggerReference />
      <script src="/docs/api/assets/swagger-ui-bundle.js" nonce={scriptNonce} defer />
    </main>
  );
}

// The OpenAPI document: valid OpenAPI 3.1 (checked by @apidevtools/swagger-parser, which validates against the
// official 3.1 JSON schema and resolves every $ref), and complete — every handler under app/api/v1 is in it, read from
// the route files themselves, so a new route without an operation fails here.
import SwaggerParser from "@apidevtools/swagger-parser";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api";
import * as openApiRoute from "@/app/api/v1/openapi.json/route";

const V1 = path.join("app", "api", "v1");

/** "get /api/v1/conversations/{conversationId}" for each exported handler of each route file under app/api/v1. */
function routeHandlers(): string[] {
  const files = (readdirSync(V1, { recursive: true }) as string[]).filter((file) => path.basename(file) === "route.ts");
  return files.flatMap((file) => {
    const segments = path.dirname(file).split(path.sep).filter((segment) => segment !== ".");
    const route = `/api/v1/${segments.map((segment) => segment.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`;
    return [...readFileSync(path.join(V1, file), "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map(([, method]) => `${method!.toLowerCase()} ${route}`);
  });
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const document = openApiDocument();
    expect(document.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it("describes every route handler under app/api/v1 but itself, and nothing else", () => {
    const documented = Object.entries(openApiDocument().paths ?? {}).flatMap(([route, item]) =>
      Object.keys(item as object).filter((method) => ["get", "post", "put", "patch", "delete"].includes(method)).map((method) => `${method} ${route}`),
    );
    const handlers = routeHandlers().filter((handler) => handler !== "get /api/v1/openapi.json");
    expect(handlers.length).toBeGreaterThan(10);
    expect(documented.sort()).toEqual(handlers.sort());
  });

  it("gives every operation an id, the scope it needs and the problem answers", () => {
    for (const item of Object.values(openApiDocument().paths ?? {})) {
      for (const operation of Object.values(item as Record<string, { operationId?: string; description?: string; responses: Record<string, unknown> }>)) {
        expect(operation.operationId).toBeTruthy();
        expect(operation.description).toMatch(/Scope: `(read|send|manage)`\./);
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["401", "403", "422", "429"]));
      }
    }
  });

  it("is served at /api/v1/openapi.json without a key", async () => {
    const response = await openApiRoute.GET(new Request("http://localhost/api/v1/openapi.json"), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});

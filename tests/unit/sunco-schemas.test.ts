// The zod contract against the official spec: the operations table matches the YAML, and every example the spec
// gives for a request or a response parses with the schema the table names for it.
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  SUNCO_OPERATIONS,
  describeIssues,
  errorBodySchema,
  operationPath,
  type Message,
  type OperationBody,
  type OperationPathParams,
  type OperationQuery,
  type OperationResponse,
  type SuncoOperationId,
} from "@/lib/sunco/schemas";
import { requestExamples, responseExamples, specOperations, suncoSpec } from "@/tests/support/sunco/spec";

const operationIds = Object.keys(SUNCO_OPERATIONS) as SuncoOperationId[];

/** The query parameters an operation takes in the spec, its path item's included. */
function specQueryParameters(path: string, definition: Record<string, unknown>): string[] {
  const components = (suncoSpec().components as { parameters: Record<string, { name: string; in: string }> }).parameters;
  const pathItem = (suncoSpec().paths as Record<string, { parameters?: { $ref: string }[] }>)[path]!;
  const refs = [...(pathItem.parameters ?? []), ...((definition.parameters ?? []) as { $ref: string }[])];
  return refs.map((ref) => components[ref.$ref.split("/").pop()!]!).filter((p) => p.in === "query").map((p) => p.name);
}

describe("the operations table", () => {
  it("has the spec's 68 operations", () => {
    expect(operationIds.sort()).toEqual(specOperations().map((operation) => operation.operationId).sort());
    expect(operationIds).toHaveLength(68);
  });

  it.each(specOperations().map((operation) => [operation.operationId, operation] as const))(
    "describes %s as the spec does",
    (operationId, spec) => {
      const operation = SUNCO_OPERATIONS[operationId as SuncoOperationId];
      const requestBody = spec.definition.requestBody as { required?: boolean; content: object } | undefined;
      expect({
        method: operation.method,
        path: operation.path,
        tag: operation.tag,
        scopes: [...operation.scopes].sort(),
        successStatus: operation.successStatus,
        takesJsonBody: operation.body !== null,
        bodyOptional: operation.bodyOptional,
        takesQuery: operation.query !== null,
      }).toEqual({
        method: spec.method,
        path: spec.path,
        tag: spec.tag,
        scopes: spec.scopes,
        successStatus: spec.successStatus,
        takesJsonBody: requestBody !== undefined && "application/json" in requestBody.content,
        bodyOptional: requestBody !== undefined && requestBody.required !== true,
        takesQuery: specQueryParameters(spec.path, spec.definition).length > 0,
      });
      // GetTokenInfo lists no security, yet it is how an OAuth token finds its app.
      expect(operation.integrationToken).toBe(spec.scopes.includes("integration") || operationId === "GetTokenInfo");
    },
  );

  it("creates with 201 and answers everything else with 200, except the OAuth redirect", () => {
    const byStatus = (status: number) => operationIds.filter((id) => SUNCO_OPERATIONS[id].successStatus === status);
    expect(byStatus(302)).toEqual(["Authorize"]);
    expect(byStatus(201).sort()).toEqual([
      "CreateApp",
      "CreateAppKey",
      "CreateClient",
      "CreateConversation",
      "CreateCustomIntegrationKey",
      "CreateIntegration",
      "CreateSwitchboard",
      "CreateSwitchboardIntegration",
      "CreateUser",
      "CreateWebhook",
      "JoinConversation",
      "PostMessage",
      "UploadAttachment",
    ]);
  });
});

describe("the spec's examples", () => {
  it.each(operationIds.flatMap((id) => requestExamples(id).map((example) => [id, example.name, example.value] as const)))(
    "%s request %s parses with the body schema",
    (operationId, _name, value) => {
      const body = SUNCO_OPERATIONS[operationId].body;
      if (body === null) throw new Error(`${operationId} has request examples but no body schema`);
      const result = body.safeParse(value);
      expect(result.success ? [] : describeIssues(result.error)).toEqual([]);
    },
  );

  it.each(
    operationIds.flatMap((id) =>
      responseExamples(id).map((example) => [id, example.status, example.name, example.value] as const),
    ),
  )("%s %i response %s parses with the response schema", (operationId, status, _name, value) => {
    const operation = SUNCO_OPERATIONS[operationId];
    const schema = status < 400 ? operation.response : errorBodySchema;
    expect(status < 400 ? status : operation.successStatus).toBe(operation.successStatus);
    if (schema === null) throw new Error(`${operationId} has a JSON example but no response schema`);
    const result = schema.safeParse(value);
    expect(result.success ? [] : describeIssues(result.error)).toEqual([]);
  });

  it("are all covered: 165 of them across requests and responses", () => {
    const count = operationIds.reduce((sum, id) => sum + requestExamples(id).length + responseExamples(id).length, 0);
    expect(count).toBe(165);
  });
});

describe("operation types and paths", () => {
  it("fills a path template, encoding each parameter", () => {
    const path = operationPath("PostMessage", { appId: "app 1", conversationId: "c/2" });
    expect(path).toBe("/v2/apps/app%201/conversations/c%2F2/messages");
    expect(() => operationPath("GetApp", {} as OperationPathParams<"GetApp">)).toThrow("GetApp needs the path parameter appId");
  });

  it("infers each operation's body, query, response and path parameters", () => {
    expectTypeOf<OperationPathParams<"DeleteMessage">>().toEqualTypeOf<
      Record<"appId" | "conversationId" | "messageId", string>
    >();
    expectTypeOf<OperationBody<"PostMessage">["author"]["type"]>().toEqualTypeOf<"business" | "user">();
    expectTypeOf<OperationBody<"GetApp">>().toBeNever();
    expectTypeOf<OperationQuery<"ListMessages">>().toHaveProperty("page[before]");
    expectTypeOf<OperationResponse<"PostMessage">["messages"]>().toEqualTypeOf<Message[]>();
    expectTypeOf<OperationResponse<"Authorize">>().toBeNever();
  });
});

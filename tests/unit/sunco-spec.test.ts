// The OpenAPI validator in tests/support/sunco/spec.ts: it must accept what the spec documents and reject what it forbids.
import { describe, expect, it } from "vitest";
import {
  requestExamples,
  responseExamples,
  specOperations,
  validateComponent,
  validateRequestBody,
  validateResponse,
  validateWebhookEnvelope,
  webhookExamples,
} from "@/tests/support/sunco/spec";

// The spec's own examples that contradict its schemas (DIGEST.md lists them); our zod schemas accept both forms.
const CONTRADICTIONS = {
  "PostConversionEvents 200 default": ['/conversionEvents/datasetId must be string (type: "string")'],
  "webhook conversation:referral": [
    '/events/0/payload/user/externalId must be string (type: "string")',
    '/events/0/payload/user/externalId must be null (type: "null")',
    "/events/0/payload/user/externalId must match a schema in anyOf",
  ],
};

describe("the SunCo spec validator", () => {
  it("reads the 68 operations of the spec", () => {
    expect(specOperations()).toHaveLength(68);
  });

  it("accepts every request, response and webhook example of the spec, but the ones that contradict it", () => {
    const failures: Record<string, string[]> = {};
    let examples = 0;
    for (const { operationId } of specOperations()) {
      for (const example of requestExamples(operationId)) {
        examples++;
        const errors = validateRequestBody(operationId, example.value);
        if (errors.length > 0) failures[`${operationId} request ${example.name}`] = errors;
      }
      for (const example of responseExamples(operationId)) {
        examples++;
        const errors = validateResponse(operationId, example.status, example.value);
        if (errors.length > 0) failures[`${operationId} ${example.status} ${example.name}`] = errors;
      }
    }
    for (const example of webhookExamples()) {
      examples++;
      const errors = validateWebhookEnvelope(example.value);
      if (errors.length > 0) failures[`webhook ${example.name}`] = errors;
    }
    expect(examples).toBe(190);
    expect(failures).toEqual(CONTRADICTIONS);
  });

  it("applies limits, required properties and discriminators", () => {
    const carousel = { author: { type: "business" }, content: { type: "carousel", items: [] } };
    expect(validateRequestBody("PostMessage", carousel)).toEqual(["/content/items must NOT have fewer than 1 items (limit: 1)"]);
    expect(validateComponent("action", { type: "postback", text: "Select" })).toEqual([
      `(root) must have required property 'payload' (missingProperty: "payload")`,
    ]);
    expect(validateComponent("action", { type: "share", text: "Share" })).toEqual([
      expect.stringMatching(/^\/type must be equal to one of the allowed values/),
    ]);
  });

  it("requires write-only fields in requests only, and read-only fields in responses only", () => {
    const apple = { type: "apple", businessId: "b", mspId: "m" };
    expect(validateRequestBody("CreateIntegration", apple)).toEqual([
      `(root) must have required property 'apiSecret' (missingProperty: "apiSecret")`,
    ]);
    expect(validateResponse("GetIntegration", 200, { integration: { id: "5e4af71a81966cfff3ef6550", ...apple } })).toEqual([]);
  });

  it("admits null where the spec says nullable, and nowhere else", () => {
    const conversation = { id: "c93bb9c14dde8ffb94564eae", type: "personal" };
    expect(validateComponent("conversation", { ...conversation, activeSwitchboardIntegration: null })).toEqual([]);
    expect(validateComponent("conversation", { ...conversation, type: null })).not.toEqual([]);
  });

  it("checks each webhook event against the schema of its type, and names types without one", () => {
    const [example] = webhookExamples();
    const envelope = example!.value as { events: { payload: object }[] };
    const badEvent = { ...envelope.events[0], payload: { ...envelope.events[0]!.payload, reason: "magic" } };
    expect(validateWebhookEnvelope({ ...envelope, events: [badEvent] })).toEqual([
      expect.stringMatching(/^\/events\/0\/payload\/reason must be equal to one of the allowed values/),
    ]);
    const passthrough = { id: "5f74a0d52b5315fc007e798a", type: "passthrough:messaging", payload: {} };
    expect(validateWebhookEnvelope({ ...envelope, events: [passthrough] })).toEqual([
      '/events/0/type has no event schema in x-webhooks ("passthrough:messaging")',
    ]);
  });

  it("names operations and statuses the spec doesn't have", () => {
    expect(validateResponse("GetApp", 201, {})).toEqual(["GetApp has no 201 response in the spec"]);
    expect(validateRequestBody("GetApp", {})).toEqual(["GetApp takes no request body in the spec"]);
    expect(() => validateRequestBody("GetNothing", {})).toThrow("The spec has no operation GetNothing");
  });
});

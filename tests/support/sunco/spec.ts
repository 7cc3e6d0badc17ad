// The official SunCo OpenAPI spec (openapi.yaml beside this file, unchanged) as a validator and a source of examples.
// Proves that what we emit (sandbox responses, webhook payloads) or send validates against SunCo's own schemas.
//
// OpenAPI 3.0 schemas are not JSON Schema; they are translated before ajv sees them:
// - `nullable: true` also admits null.
// - `readOnly` properties are not required in requests, `writeOnly` ones not in responses (and webhooks).
// - `discriminator` picks the subschema by its property (mapping, or the component's name when there is none).
//   `integration` declares a mapping without oneOf: its subtypes extend it through allOf, so those allOf references
//   point at the base and `integration` itself dispatches on `type`.
// - A `oneOf` without discriminator is checked as `anyOf`: the spec's oneOf alternatives have no required
//   properties, so a valid `{ userId }` would match all three of participantLeaveBody's and fail oneOf.
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";

type Json = Record<string, unknown>;
type Mode = "request" | "response";

const SCHEMA_REF = "#/components/schemas/";
const EXAMPLE_REF = "#/components/examples/";
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

let loaded: Json | undefined;

/** The parsed spec, read once. */
export function suncoSpec(): Json {
  loaded ??= parse(readFileSync(path.join(import.meta.dirname, "openapi.yaml"), "utf8")) as Json;
  return loaded;
}

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

function at(value: unknown, ...keys: string[]): unknown {
  return keys.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), value);
}

const componentSchemas = () => at(suncoSpec(), "components", "schemas") as Record<string, Json>;
const componentName = (ref: string) => ref.slice(SCHEMA_REF.length);

// ——— Operations ———

export interface SpecOperation {
  operationId: string;
  method: Uppercase<(typeof METHODS)[number]>;
  path: string;
  tag: string;
  /** Every scope any of the operation's security alternatives allows. */
  scopes: string[];
  /** The lowest 2xx or 3xx status the spec documents. */
  successStatus: number;
  /** The operation's definition in the spec. */
  definition: Json;
}

let operations: Map<string, SpecOperation> | undefined;

export function specOperations(): SpecOperation[] {
  operations ??= new Map(
    Object.entries(at(suncoSpec(), "paths") as Record<string, Json>).flatMap(([route, item]) =>
      METHODS.filter((method) => isObject(item[method])).map((method) => {
        const definition = item[method] as Json;
        const security = (definition.security ?? []) as Record<string, string[]>[];
        const statuses = Object.keys(definition.responses as Json).map(Number);
        const operation: SpecOperation = {
          operationId: definition.operationId as string,
          method: method.toUpperCase() as SpecOperation["method"],
          path: route,
          tag: (definition.tags as string[])[0]!,
          scopes: [...new Set(security.flatMap((alternative) => Object.values(alternative).flat()))].sort(),
          successStatus: Math.min(...statuses.filter((status) => status >= 200 && status < 400)),
          definition,
        };
        return [operation.operationId, operation] as const;
      }),
    ),
  );
  return [...operations.values()];
}

function specOperation(operationId: string): SpecOperation {
  specOperations();
  const operation = operations!.get(operationId);
  if (!operation) throw new Error(`The spec has no operation ${operationId}`);
  return operation;
}

const webhookOperation = () => at(suncoSpec(), "x-webhooks", "Webhook Event", "post") as Json;

// ——— OpenAPI 3.0 → JSON Schema ———

/** Components that declare a discriminator mapping without oneOf: their subtypes extend them with allOf. */
const inheritanceBases = () =>
  new Set(
    Object.entries(componentSchemas())
      .filter(([, schema]) => isObject(schema.discriminator) && !schema.oneOf)
      .map(([name]) => name),
  );

const baseName = (name: string) => `${name}__base`;

/** Keywords with no JSON Schema meaning (readOnly/writeOnly are applied to `required` instead). */
const OPENAPI_ANNOTATIONS = new Set(["readOnly", "writeOnly", "example", "deprecated"]);

function translate(schema: unknown, mode: Mode, bases: Set<string>, inAllOf = false): unknown {
  if (!isObject(schema)) return schema;
  if (typeof schema.$ref === "string") {
    const name = componentName(schema.$ref);
    return { $ref: `sunco-${mode}#/definitions/${inAllOf && bases.has(name) ? baseName(name) : name}` };
  }
  const { nullable, discriminator, ...rest } = schema;
  const out: Json = Object.fromEntries(Object.entries(rest).filter(([key]) => !OPENAPI_ANNOTATIONS.has(key)));
  const sub = (value: unknown, allOfMember = false) => translate(value, mode, bases, allOfMember);

  if (isObject(rest.properties)) {
    out.properties = Object.fromEntries(Object.entries(rest.properties).map(([key, value]) => [key, sub(value)]));
    if (Array.isArray(rest.required)) {
      const hidden = mode === "request" ? "readOnly" : "writeOnly";
      out.required = rest.required.filter((key) => !at(rest.properties, key as string, hidden));
    }
  }
  if (rest.items !== undefined) out.items = sub(rest.items);
  if (isObject(rest.additionalProperties)) out.additionalProperties = sub(rest.additionalProperties);
  if (Array.isArray(rest.allOf)) out.allOf = rest.allOf.map((member) => sub(member, true));
  if (Array.isArray(rest.anyOf)) out.anyOf = rest.anyOf.map((member) => sub(member));
  if (Array.isArray(rest.oneOf)) {
    delete out.oneOf;
    if (isObject(discriminator)) Object.assign(out, dispatch(discriminator, rest.oneOf as Json[], mode, bases));
    else out.anyOf = rest.oneOf.map((member) => sub(member));
  }
  return nullable === true ? { anyOf: [out, { type: "null" }] } : out;
}

/** `discriminator` as JSON Schema: the property must name a subtype, and the object must match that subtype. */
function dispatch(discriminator: Json, oneOf: Json[] | undefined, mode: Mode, bases: Set<string>): Json {
  const property = discriminator.propertyName as string;
  const mapping =
    (discriminator.mapping as Record<string, string> | undefined) ??
    Object.fromEntries((oneOf ?? []).map((member) => [componentName(member.$ref as string), member.$ref as string]));
  return {
    type: "object",
    required: [property],
    properties: { [property]: { enum: Object.keys(mapping) } },
    allOf: Object.entries(mapping).map(([value, ref]) => ({
      if: { properties: { [property]: { const: value } } },
      then: translate({ $ref: ref }, mode, bases),
    })),
  };
}

function definitions(mode: Mode): Json {
  const bases = inheritanceBases();
  const translated: Json = {};
  for (const [name, schema] of Object.entries(componentSchemas())) {
    if (!bases.has(name)) {
      translated[name] = translate(schema, mode, bases);
      continue;
    }
    translated[baseName(name)] = translate(schema, mode, bases);
    translated[name] = dispatch(schema.discriminator as Json, undefined, mode, bases);
  }
  return translated;
}

// ——— Validation ———

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function validator(key: string, schema: () => unknown): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat("binary", true);
    for (const mode of ["request", "response"] as const) {
      ajv.addSchema({ $id: `sunco-${mode}`, definitions: definitions(mode) });
    }
  }
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema() as Json);
    validators.set(key, validate);
  }
  return validate;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === "" ? "(root)" : error.instancePath;
  const detail = Object.entries(error.params)
    .filter(([key]) => key !== "failingKeyword")
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join(", ");
  return `${where} ${error.message}${detail ? ` (${detail})` : ""}`;
}

/** Readable errors; an empty list means valid. A failed `if`/`then` adds nothing to the errors inside `then`. */
function run(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return [];
  return [...new Set((validate.errors ?? []).filter((error) => error.keyword !== "if").map(describe))];
}

/** Validates against `components.schemas[name]`; a response (or webhook) representation unless `mode` says request. */
export function validateComponent(name: string, value: unknown, mode: Mode = "response"): string[] {
  if (!componentSchemas()[name]) throw new Error(`The spec has no component schema ${name}`);
  return run(validator(`${mode}:${name}`, () => ({ $ref: `sunco-${mode}#/definitions/${name}` })), value);
}

function jsonSchemaOf(content: unknown): unknown {
  return at(content, "application/json", "schema") ?? at(content, "multipart/form-data", "schema");
}

export function validateRequestBody(operationId: string, body: unknown): string[] {
  const schema = jsonSchemaOf(at(specOperation(operationId).definition, "requestBody", "content"));
  if (schema === undefined) return [`${operationId} takes no request body in the spec`];
  return run(validator(`request:${operationId}`, () => translate(schema, "request", inheritanceBases())), body);
}

export function validateResponse(operationId: string, status: number, body: unknown): string[] {
  const response = at(specOperation(operationId).definition, "responses", String(status));
  if (response === undefined) return [`${operationId} has no ${status} response in the spec`];
  const schema = at(response, "content", "application/json", "schema");
  if (schema === undefined) return [`${operationId}'s ${status} response has no JSON body in the spec`];
  return run(validator(`response:${operationId}:${status}`, () => translate(schema, "response", inheritanceBases())), body);
}

/** Event type (the trigger) → its component schema, from the titles of x-webhooks' event alternatives. */
export function webhookEventSchemaNames(): Map<string, string> {
  const alternatives = at(webhookOperation(), "requestBody", "content", "application/json", "schema", "properties", "events", "items", "anyOf");
  return new Map(
    (alternatives as Json[]).map((alternative) => {
      const name = componentName(alternative.$ref as string);
      return [componentSchemas()[name]!.title as string, name];
    }),
  );
}

export function validateWebhookEvent(event: unknown): string[] {
  const type = at(event, "type");
  const name = typeof type === "string" ? webhookEventSchemaNames().get(type) : undefined;
  if (!name) return [`/type has no event schema in x-webhooks (${JSON.stringify(type)})`];
  return validateComponent(name, event);
}

/** The envelope `{ app, webhook, events }`, and each event against the schema of its type. */
export function validateWebhookEnvelope(body: unknown): string[] {
  const envelope = at(webhookOperation(), "requestBody", "content", "application/json", "schema") as Json;
  const withAnyEvents = { ...envelope, properties: { ...(envelope.properties as Json), events: { type: "array" } } };
  const errors = run(validator("webhook:envelope", () => translate(withAnyEvents, "response", inheritanceBases())), body);
  const events = at(body, "events");
  if (!Array.isArray(events)) return errors;
  return [
    ...errors,
    ...events.flatMap((event, index) => validateWebhookEvent(event).map((error) => `/events/${index}${error}`)),
  ];
}

// ——— Examples ———

export interface Example {
  name: string;
  value: unknown;
}

function examplesOf(content: unknown): Example[] {
  const examples = (at(content, "application/json", "examples") ?? {}) as Record<string, Json>;
  return Object.entries(examples).map(([name, example]) => {
    const ref = example.$ref as string | undefined;
    const resolved = ref ? (at(suncoSpec(), "components", "examples", ref.slice(EXAMPLE_REF.length)) as Json) : example;
    return { name, value: resolved.value };
  });
}

export function requestExamples(operationId: string): Example[] {
  return examplesOf(at(specOperation(operationId).definition, "requestBody", "content"));
}

export function responseExamples(operationId: string): (Example & { status: number })[] {
  const responses = at(specOperation(operationId).definition, "responses") as Record<string, Json>;
  return Object.entries(responses).flatMap(([status, response]) =>
    examplesOf(response.content).map((example) => ({ ...example, status: Number(status) })),
  );
}

/** x-webhooks' examples, named by event type; each is a whole envelope. */
export function webhookExamples(): Example[] {
  return examplesOf(at(webhookOperation(), "requestBody", "content"));
}

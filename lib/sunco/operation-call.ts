// Turns one of the spec's 68 operations (lib/sunco/schemas/operations) and its arguments into a transport call:
// the path filled in, the query and body checked against the spec's schemas, the response schema attached.
import { z } from "zod";
import { SuncoError } from "./errors";
import { expandPath } from "./paths";
import { describeIssues } from "./schemas/issues";
import {
  SUNCO_OPERATIONS,
  type OperationBody,
  type OperationQuery,
  type OperationResponse,
  type SuncoOperationId,
} from "./schemas/operations";
import type { CallOptions, CallSpec } from "./transport";

export interface OperationArguments<Id extends SuncoOperationId> {
  params?: Record<string, string>;
  query?: OperationQuery<Id>;
  /** JSON per the operation's body schema, or FormData for an upload. */
  body?: OperationBody<Id> | FormData;
  /** Overrides the default (every method but POST is idempotent) for a POST that is safe to repeat. */
  idempotent?: boolean;
  recover?: () => Promise<OperationResponse<Id> | undefined>;
  options?: CallOptions;
}

/** `appId`, when given, fills the path's {appId}; other path parameters come from `args.params`. */
export function operationCall<Id extends SuncoOperationId>(
  operation: Id,
  args: OperationArguments<Id>,
  appId?: string,
): CallSpec<z.ZodType<OperationResponse<Id>>> {
  const definition = SUNCO_OPERATIONS[operation];
  if (hasValues(args.query) || !acceptsEmptyQuery(definition.query)) {
    check(operation, compiled(definition.query), args.query, "query");
  }
  if (!(args.body instanceof FormData) && !(args.body === undefined && definition.bodyOptional)) {
    check(operation, compiled(definition.body), args.body, "body");
  }
  return {
    operation,
    method: definition.method,
    path: expandPath(definition.path, appId === undefined ? (args.params ?? {}) : { appId, ...args.params }),
    query: args.query as CallSpec<z.ZodType>["query"],
    body: args.body,
    response: compiled(definition.response) as unknown as z.ZodType<OperationResponse<Id>>,
    idempotent: args.idempotent,
    recover: args.recover,
    options: args.options,
  };
}

const compiledSchemas = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The schema with zod's generated fast path (z.compile), made on an operation's first call: compiling all of them
 * up front takes a few hundred milliseconds of startup. Invalid input falls back to the ordinary parser, so errors
 * read the same; a schema zod cannot compile (a recursive one) would come back unchanged, which is why quoted
 * messages are checked to a fixed depth (schemas/messages.ts).
 */
function compiled<S extends z.ZodType | null>(schema: S): S {
  if (!schema) return schema;
  let fast = compiledSchemas.get(schema);
  if (!fast) {
    fast = z.compile(schema);
    compiledSchemas.set(schema, fast);
  }
  return fast as S;
}

function hasValues(query: object | undefined): boolean {
  if (!query) return false;
  for (const value of Object.values(query)) if (value !== undefined) return true;
  return false;
}

const emptyQueryVerdicts = new WeakMap<z.ZodType, boolean>();

/** Most calls send no query at all: a schema that accepts none need not be run on one each time. */
function acceptsEmptyQuery(schema: z.ZodType | null): boolean {
  if (!schema) return true;
  let verdict = emptyQueryVerdicts.get(schema);
  if (verdict === undefined) {
    verdict = schema.safeParse({}).success;
    emptyQueryVerdicts.set(schema, verdict);
  }
  return verdict;
}

/** Fails the way SunCo's 400 would (kind "client", one error per problem), before any request is made. */
function check(operation: string, schema: z.ZodType | null, value: unknown, subject: string) {
  if (!schema) return;
  const result = schema.safeParse(value ?? (subject === "query" ? {} : undefined));
  if (result.success) return;
  throw new SuncoError({
    kind: "client",
    operation,
    detail: `invalid ${subject}`,
    errors: describeIssues(result.error, subject).map((title) => ({ code: "invalid_request", title })),
  });
}

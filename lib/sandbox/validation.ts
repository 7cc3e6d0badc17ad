// Request validation with zod, failing the way SunCo does: 400 with one `bad_request` error per problem.
import type { z } from "zod";
import { badRequest } from "./errors";
import type { Metadata } from "./state";

export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues.map((issue) => ({
    code: "bad_request",
    title: issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
  }));
  throw badRequest(first!.title, rest);
}

export const METADATA_LIMIT_BYTES = 4096;

/** Metadata is a flat object of strings, numbers and booleans, at most 4 KB as JSON. */
export function checkMetadata(metadata: unknown, owner: string): Metadata | null | undefined {
  if (metadata === undefined || metadata === null) return metadata;
  if (typeof metadata !== "object" || Array.isArray(metadata)) throw badRequest(`${owner} metadata must be an object`);
  for (const [key, value] of Object.entries(metadata)) {
    if (!["string", "number", "boolean"].includes(typeof value)) {
      throw badRequest(`${owner} metadata must be flat: "${key}" is not a string, number or boolean`);
    }
  }
  if (Buffer.byteLength(JSON.stringify(metadata)) > METADATA_LIMIT_BYTES) {
    throw badRequest(`${owner} metadata is limited to ${METADATA_LIMIT_BYTES} bytes in size.`);
  }
  return metadata as Metadata;
}

// Building blocks every SunCo v2 schema shares: ids, timestamps, metadata, pagination and the error body.
// Messages are predicates ("must be …") so `describeIssues` can prefix them with the field's path.
import { z } from "zod";

/**
 * A schema's own message for a bad value. zod would also use it for a missing one, which deserves "is required".
 */
export const invalidMessage = (message: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? "is required" : message;

/**
 * For what SunCo *sends*: an enum it may extend without notice (new channel types, client states, …). Known
 * values are listed for readers; any other string still parses, so a new value never breaks a list or a
 * webhook. Request schemas keep strict enums.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.union([z.enum(values), z.string()]);
}

/**
 * For what SunCo sends: a discriminated union it may extend with new `type`s. A member it doesn't know still
 * parses, and is typed as the known union so callers keep narrowing by `type` — their `default` branch is where
 * a new type lands.
 */
export function openUnion<S extends z.ZodDiscriminatedUnion<z.ZodObject<{ type: z.ZodLiteral<string> }>[]>>(
  known: S,
): z.ZodType<z.output<S>, z.input<S>> {
  const knownTypes = new Set(known.options.map((option) => option.shape.type.value));
  const unknownMember = z.looseObject({ type: z.string().refine((type) => !knownTypes.has(type)) });
  return z.union([known, unknownMember]) as unknown as z.ZodType<z.output<S>, z.input<S>>;
}

/** Mongo-style record ids: conversations, users, messages, integrations, webhooks… */
export const recordIdSchema = z.string().regex(/^[0-9a-f]{24}$/, "must be a record id (24 hexadecimal characters)");

/** Every SunCo timestamp is `Date#toISOString()` output: `YYYY-MM-DDThh:mm:ss.SSSZ`. */
export const timestampSchema = z.iso.datetime({
  precision: 3,
  error: invalidMessage("must be a timestamp formatted YYYY-MM-DDThh:mm:ss.SSSZ"),
});

/** The spec's `format: uri` fields are links to images and files, so only web URLs make sense. */
export const webUrlSchema = z.string().regex(/^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i, { error: invalidMessage("must be an http or https URL") });

export const METADATA_MAX_BYTES = 4096;

const isFlatValue = (value: unknown) => {
  const type = typeof value;
  return type === "string" || type === "number" || type === "boolean";
};

/** An upper bound of a flat value's JSON length: escaping turns a UTF-16 unit into at most 6 characters (\u0000). */
const longestJsonLength = (value: unknown) =>
  typeof value === "string" ? 2 + 6 * value.length : typeof value === "number" ? 24 : 5;

/**
 * Custom properties on apps, users, conversations, messages, actions, items and switchboard actions: a flat object
 * of strings, numbers and booleans, at most 4 KB once serialized. `null` unsets it.
 */
export const metadataSchema = z
  .record(z.string(), z.unknown())
  .check((ctx) => {
    // Every message of a page carries metadata: this runs a hundred times per page the client reads, so it walks the
    // entries once and serializes only metadata that could be near the limit.
    let longestJson = 2;
    for (const key in ctx.value) {
      const value = ctx.value[key];
      if (isFlatValue(value)) {
        longestJson += longestJsonLength(key) + 1 + longestJsonLength(value) + 1;
        continue;
      }
      // Measured exactly below, as before: a nested value's size has no cheap bound.
      longestJson = Infinity;
      ctx.issues.push({
        code: "custom",
        input: value,
        path: [key],
        message: "must be a string, number or boolean (metadata is flat: no nested objects or arrays)",
      });
    }
    // UTF-8 takes at most 3 bytes per UTF-16 unit, so only long metadata needs encoding to be measured.
    if (longestJson * 3 <= METADATA_MAX_BYTES) return;
    const json = JSON.stringify(ctx.value);
    if (json.length * 3 <= METADATA_MAX_BYTES) return;
    const bytes = new TextEncoder().encode(json).length;
    if (bytes > METADATA_MAX_BYTES) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        message: `must be at most ${METADATA_MAX_BYTES} bytes once serialized (it is ${bytes})`,
      });
    }
  })
  .nullable();

/** A friendly name (apps, conversations, integrations, keys): 1–100 characters, `null` to unset. */
export const displayNameSchema = z.string().min(1).max(100).nullable();

/**
 * Cursor pagination as it appears in a query string (`page[after]=…&page[size]=10`), values as strings. A cursor is
 * the id of the record to page after or before. ListMessages has no `page[size]` (its pages are fixed at 100), hence
 * `cursorQuerySchema` on its own.
 */
export const cursorQuerySchema = z
  .object({ "page[after]": recordIdSchema.optional(), "page[before]": recordIdSchema.optional() })
  .refine((query) => query["page[after]"] === undefined || query["page[before]"] === undefined, {
    path: ["page[before]"],
    message: "cannot be combined with page[after]: give only one cursor",
  });

export const pageQuerySchema = cursorQuerySchema.safeExtend({
  "page[size]": z.coerce.number().int().min(1).max(100).optional(),
});

export type PageQuery = z.infer<typeof pageQuerySchema>;

/** `meta` of a paginated response; cursors are omitted when there is no such page. */
export const paginationMetaSchema = z.looseObject({
  hasMore: z.boolean().optional(),
  afterCursor: z.string().optional(),
  beforeCursor: z.string().optional(),
});

/** `links` of a paginated response: absolute URLs, omitted when there is no such page. */
export const paginationLinksSchema = z.looseObject({
  prev: z.string().optional(),
  next: z.string().optional(),
});

export const suncoErrorSchema = z.looseObject({ code: z.string(), title: z.string() });

/** Every 4xx/5xx body. Only a 400 carries more than one error. */
export const errorBodySchema = z.looseObject({ errors: z.array(suncoErrorSchema) });

export type SuncoError = z.infer<typeof suncoErrorSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** "The API will always respond with an object": deletes and actions answer `{}`. */
export const emptyResponseSchema = z.looseObject({});

/** A response `{ [key]: schema }`, e.g. `{ app }`. */
export function wrapped<K extends string, S extends z.ZodType>(key: K, schema: S) {
  return z.looseObject({ [key]: schema } as { [P in K]: S });
}

/** A paginated list response `{ [key]: [...], meta, links }`. */
export function paginated<K extends string, S extends z.ZodType>(key: K, item: S) {
  return z.looseObject({
    ...({ [key]: z.array(item) } as { [P in K]: z.ZodArray<S> }),
    meta: paginationMetaSchema.optional(),
    links: paginationLinksSchema.optional(),
  });
}

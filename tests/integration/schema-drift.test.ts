// The migrations are hand-written SQL; this test fails whenever they and prisma/schema.prisma disagree:
// every model's table, column (type and nullability), index and foreign key must exist, and a record
// with every field set must survive a round trip through Prisma Client unchanged.
import { describe, expect, it } from "vitest";
import { db, sql } from "@/lib/db";
import { withTestDatabase } from "../support/database";
import { readPrismaSchema, type SchemaField, type SchemaModel } from "../support/prisma-schema";

withTestDatabase();
const schema = readPrismaSchema();

const SCALAR_SQL_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  Float: "double precision",
  Decimal: "numeric",
  Json: "jsonb",
  Bytes: "bytea",
  DateTime: "timestamp without time zone",
};
const NATIVE_SQL_TYPES: Record<string, string> = {
  Timestamptz: "timestamp with time zone",
  VarChar: "character varying",
  Uuid: "uuid",
  Text: "text",
  SmallInt: "smallint",
  Inet: "inet",
  Json: "json",
  Date: "date",
};
const ON_DELETE: Record<string, string> = { Cascade: "c", SetNull: "n", Restrict: "r", NoAction: "a", SetDefault: "d" };

const isColumn = (field: SchemaField) =>
  field.type in SCALAR_SQL_TYPES || schema.enums.has(field.type);

interface ColumnInfo {
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
  column_default: string | null;
}

async function columnsOf(table: string) {
  const { rows } = await sql().query<ColumnInfo>(
    `SELECT column_name, data_type, udt_name, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  return new Map(rows.map((row) => [row.column_name, row]));
}

async function indexesOf(table: string) {
  const { rows } = await sql().query<{ columns: string[]; is_unique: boolean; is_primary: boolean }>(
    `SELECT array_agg(a.attname::text ORDER BY k.ord) AS columns, i.indisunique AS is_unique, i.indisprimary AS is_primary
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace
      GROUP BY i.indexrelid, i.indisunique, i.indisprimary`,
    [table],
  );
  return rows;
}

async function foreignKeysOf(table: string) {
  const { rows } = await sql().query<{ columns: string[]; on_delete: string }>(
    `SELECT array_agg(a.attname::text ORDER BY k.ord) AS columns, c.confdeltype AS on_delete
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord) ON true
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE c.contype = 'f' AND t.relname = $1 AND t.relnamespace = current_schema()::regnamespace
      GROUP BY c.oid, c.confdeltype`,
    [table],
  );
  return rows;
}

function expectedType(field: SchemaField) {
  if (schema.enums.has(field.type)) return { data_type: "USER-DEFINED", udt_name: field.type };
  const base = field.nativeType ? NATIVE_SQL_TYPES[field.nativeType] : SCALAR_SQL_TYPES[field.type];
  return { data_type: field.list ? "ARRAY" : base };
}

describe.each(schema.models.map((model) => [model.name, model] as const))("model %s", (_, model) => {
  it("has a table whose columns match its fields in type and nullability", async () => {
    const columns = await columnsOf(model.table);
    expect(columns.size, `table "${model.table}" is missing`).toBeGreaterThan(0);
    for (const field of model.fields.filter(isColumn)) {
      const column = columns.get(field.column);
      expect(column, `column ${model.table}.${field.column}`).toBeDefined();
      expect(column, `type of ${model.table}.${field.column}`).toMatchObject(expectedType(field));
      // Prisma Migrate declares list columns without NOT NULL; the client never writes NULL to them.
      const nullable = field.optional || field.list;
      expect(column!.is_nullable, `nullability of ${model.table}.${field.column}`).toBe(nullable ? "YES" : "NO");
    }
    const known = new Set(model.fields.filter(isColumn).map((f) => f.column));
    const unknownRequired = [...columns.values()].filter(
      (c) => !known.has(c.column_name) && c.is_nullable === "NO" && c.column_default === null,
    );
    expect(unknownRequired.map((c) => c.column_name), "required columns the model doesn't know").toEqual([]);
  });

  it("has the indexes, unique constraints and foreign keys the schema declares", async () => {
    const indexes = await indexesOf(model.table);
    const has = (columns: string[], unique: boolean) =>
      indexes.some((i) => (!unique || i.is_unique) && i.columns.join(",") === columns.join(","));
    const column = (name: string) => model.fields.find((f) => f.name === name)?.column ?? name;

    expect(indexes.some((i) => i.is_primary && i.columns.join(",") === model.primaryKey.map(column).join(","))).toBe(true);
    for (const field of model.fields.filter((f) => f.unique)) expect(has([field.column], true), `unique ${field.name}`).toBe(true);
    for (const unique of model.uniques) expect(has(unique.map(column), true), `@@unique(${unique})`).toBe(true);
    for (const index of model.indexes) expect(has(index.map(column), false), `@@index(${index})`).toBe(true);

    const foreignKeys = await foreignKeysOf(model.table);
    for (const field of model.fields.filter((f) => f.relation)) {
      const columns = field.relation!.fields.map(column);
      const onDelete = field.relation!.onDelete ?? (field.optional ? "SetNull" : "Restrict");
      const match = foreignKeys.find((fk) => fk.columns.join(",") === columns.join(","));
      expect(match, `foreign key for ${model.name}.${field.name}`).toBeDefined();
      expect(match!.on_delete, `ON DELETE of ${model.name}.${field.name}`).toBe(ON_DELETE[onDelete]);
    }
  });
});

// ----- round trip -------------------------------------------------------------------------------------------

let counter = 0;
const created = new Map<string, Record<string, unknown>>();

function sampleValue(model: SchemaModel, field: SchemaField): unknown {
  const parentField = model.fields.find((f) => f.relation?.fields.includes(field.name));
  // A composite foreign key takes each column from the parent's column it references.
  if (parentField) return created.get(parentField.type)?.[parentField.relation!.references[parentField.relation!.fields.indexOf(field.name)] ?? "id"] ?? null;
  counter += 1;
  if (schema.enums.has(field.type)) return schema.enums.get(field.type)![counter % schema.enums.get(field.type)!.length];
  const one = (): unknown => {
    switch (field.type) {
      case "String":
        return field.nativeType === "Uuid" ? crypto.randomUUID() : `${model.name}-${field.name}-${counter}`;
      case "Int":
        return 1000 + counter;
      case "BigInt":
        return BigInt(9_007_199_254_740_993n + BigInt(counter));
      case "Boolean":
        return counter % 2 === 0;
      case "Float":
        return counter + 0.25;
      case "DateTime":
        // A date column keeps the day only.
        return field.nativeType === "Date" ? new Date(Date.UTC(2026, 0, 2 + (counter % 28))) : new Date(Date.UTC(2026, 0, 2, 3, 4, 5, counter % 1000));
      case "Json":
        return { nested: { list: [1, "two", true, null] }, counter };
      case "Bytes":
        return new Uint8Array([1, 2, counter % 255]);
      default:
        throw new Error(`the drift test has no sample value for ${field.type}`);
    }
  };
  return field.list ? [one(), one()] : one();
}

/** Parents before children, so foreign keys have something to point at. */
function inDependencyOrder(models: SchemaModel[]) {
  const ordered: SchemaModel[] = [];
  const visit = (model: SchemaModel, path: Set<string>) => {
    if (ordered.includes(model) || path.has(model.name)) return;
    path.add(model.name);
    for (const field of model.fields.filter((f) => f.relation && !f.optional)) {
      visit(models.find((m) => m.name === field.type)!, path);
    }
    ordered.push(model);
  };
  for (const model of models) visit(model, new Set());
  return ordered;
}

const delegate = (model: SchemaModel) =>
  (db() as unknown as Record<string, { create: (a: object) => Promise<Record<string, unknown>>; findUniqueOrThrow: (a: object) => Promise<Record<string, unknown>> }>)[
    model.name[0]!.toLowerCase() + model.name.slice(1)
  ]!;

describe("every model through Prisma Client", () => {
  it.each(inDependencyOrder(schema.models).map((model) => [model.name, model] as const))(
    "%s round-trips with every field set",
    async (_, model) => {
      const data = Object.fromEntries(model.fields.filter(isColumn).map((field) => [field.name, sampleValue(model, field)]));
      const record = await delegate(model).create({ data });
      created.set(model.name, record);
      const key = Object.fromEntries(model.primaryKey.map((column) => [column, record[column]]));
      // Prisma names a composite key by its fields joined with "_".
      const where = model.primaryKey.length > 1 ? { [model.primaryKey.join("_")]: key } : key;
      const read = await delegate(model).findUniqueOrThrow({ where });
      for (const field of model.fields.filter(isColumn)) {
        if (field.isUpdatedAt) continue;
        expect(read[field.name], `${model.name}.${field.name}`).toEqual(data[field.name]);
      }
    },
  );
});

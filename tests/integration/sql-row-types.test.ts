// Raw SQL's row types against the migrated schema. Every statement lib/ declares with `statement<Row>(text, columns)`
// (lib/db/statement.ts) is described by the database without being run: it must parse against the schema, return
// exactly the declared columns, each of the declared kind, and a column declared never null must not come straight
// from a nullable table column. And lib/ reads no rows from raw SQL any other way, so every row type is checked.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { declaredStatements, type ColumnKind } from "@/lib/db/statement";
import { openStatementDescriber, type DescribedColumn, type StatementDescriber } from "../support/statement-describer";

const ROOT = path.resolve(import.meta.dirname, "../..");

function libSources(): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (relative === path.join("lib", "db", "generated")) continue;
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith(".ts")) found.push({ file: relative, text: readFileSync(path.join(ROOT, relative), "utf8") });
    }
  };
  walk("lib");
  return found;
}

const sources = libSources();
// Every module that runs SQL or declares statements; loading one declares its statements.
const declaring = sources.filter(({ file, text }) => /\.query\(|[sS]tatement[<(]/.test(text) && !file.startsWith(path.join("lib", "db") + path.sep));
for (const { file } of declaring) await import(path.join(ROOT, file));
const declarations = declaredStatements();

/** The kind of JavaScript value each PostgreSQL type arrives as, on both drivers. Anything else must be cast. */
const TYPES_OF_KIND: [ColumnKind, string[]][] = [
  ["string", ["text", "varchar", "bpchar", "uuid", "name"]],
  ["number", ["int2", "int4", "float4", "float8"]],
  ["boolean", ["bool"]],
  ["Date", ["timestamptz", "timestamp"]],
  ["json", ["json", "jsonb"]],
  ["string[]", ["_text", "_varchar", "_uuid"]],
];
const KIND_OF_TYPE = new Map(TYPES_OF_KIND.flatMap(([kind, types]) => types.map((type) => [type, kind] as const)));

let describer: StatementDescriber;
const types = new Map<number, { name: string; kind: ColumnKind | null }>();
const nullable = new Map<string, { table: string; column: string; nullable: boolean }>();

async function kindOf(column: DescribedColumn) {
  if (!types.has(column.dataTypeID)) {
    const [type] = await describer.query<{ typname: string; typtype: string }>(`SELECT typname, typtype FROM pg_type WHERE oid = $1`, [column.dataTypeID]);
    types.set(column.dataTypeID, { name: type!.typname, kind: type!.typtype === "e" ? "string" : (KIND_OF_TYPE.get(type!.typname) ?? null) });
  }
  return types.get(column.dataTypeID)!;
}

async function sourceOf(column: DescribedColumn) {
  if (column.tableID === 0) return null;
  const key = `${column.tableID}.${column.columnID}`;
  if (!nullable.has(key)) {
    const [source] = await describer.query<{ table: string; column: string; notnull: boolean }>(
      `SELECT c.relname AS "table", a.attname AS "column", a.attnotnull AS "notnull"
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE a.attrelid = $1 AND a.attnum = $2`,
      [column.tableID, column.columnID],
    );
    nullable.set(key, { table: source!.table, column: source!.column, nullable: !source!.notnull });
  }
  return nullable.get(key)!;
}

beforeAll(async () => {
  describer = await openStatementDescriber();
});
afterAll(async () => {
  await describer?.close();
});

describe("raw SQL row types", () => {
  it("are declared by the modules that query rows", () => {
    expect(declaring.length).toBeGreaterThan(15);
    expect(declarations.length).toBeGreaterThan(40);
  });

  it.each(declarations.map((declaration) => [declaration.where, declaration] as const))(
    "%s returns exactly its declared columns, of their kinds and nullability",
    async (_, { statement, where }) => {
      const columns = await describer.describe(statement.text);
      expect(columns.map((c) => c.name).sort(), `${where}: the columns the statement returns`).toEqual(Object.keys(statement.columns).sort());
      for (const column of columns) {
        const declared = statement.columns[column.name]!;
        const kind = declared.replace("?", "");
        const type = await kindOf(column);
        expect(type.kind, `${where}: "${column.name}" is ${type.name}: cast it to a type of a known kind`).not.toBeNull();
        expect(type.kind, `${where}: the kind of "${column.name}" (${type.name})`).toBe(kind);
        const source = await sourceOf(column);
        if (source && !declared.endsWith("?")) {
          expect(source.nullable, `${where}: "${column.name}" is declared never null, but ${source.table}.${source.column} may be`).toBe(false);
        }
      }
    },
  );

  it("are the only way lib/ reads rows from raw SQL", () => {
    const untyped = sources
      .filter(({ file }) => !file.startsWith(path.join("lib", "db") + path.sep))
      .flatMap(({ file, text }) =>
        text.split("\n").flatMap((line, index, lines) => {
          // A type argument on query(), or rows taken from a query whose text is written there (on that line or the next).
          const typedInline = /\.query</.test(line);
          const rowsFrom = /\{[^}]*\brows\b[^}]*\}\s*=\s*await\s+[\w().]*\.query\((.*)$/.exec(line);
          const argument = rowsFrom ? (rowsFrom[1]!.trim() || (lines[index + 1] ?? "").trim()) : "";
          const rowsFromText = /^[`"']/.test(argument);
          return typedInline || rowsFromText ? [`${file}:${index + 1}: ${line.trim()}`] : [];
        }),
      );
    expect(untyped).toEqual([]);
  });
});

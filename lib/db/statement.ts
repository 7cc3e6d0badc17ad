// Raw SQL that returns rows, declared with its row's columns. The row type and the column list are one declaration the
// compiler holds together (every key of the row, no other, each with the kind of value its type says), and
// tests/integration/sql-row-types.test.ts describes every declared statement against the migrated schema without
// running it: the columns it returns must be exactly those declared, of those kinds, and a column declared never null
// must not come straight from a nullable table column. So a row type cannot name what its query does not return.

/** The JavaScript value a column arrives as, from either driver. 64-bit integers and numerics arrive as strings on
 * one driver and not the other: cast them (`::int`, `::text`) in the statement. */
export type ColumnKind = "string" | "number" | "boolean" | "Date" | "json" | "string[]";

/** A column's kind, and `?` when it may be null. */
export type ColumnType = ColumnKind | `${ColumnKind}?`;

type KindOf<T> = [T] extends [string]
  ? "string"
  : [T] extends [number]
    ? "number"
    : [T] extends [boolean]
      ? "boolean"
      : [T] extends [Date]
        ? "Date"
        : [T] extends [readonly string[]]
          ? "string[]" | "json"
          : "json";

/** What a row type's columns must be declared as: every key of `Row`, nullable exactly where `Row` says so. */
export type ColumnsOf<Row> = {
  readonly [K in keyof Row]-?: null extends Row[K] ? `${KindOf<NonNullable<Row[K]>>}?` : KindOf<Row[K]>;
};

export interface Statement<Row> {
  readonly text: string;
  readonly columns: Readonly<Record<string, ColumnType>>;
  /** Only carries `Row` for the compiler: `executor.query(statement, params)` resolves to rows of it. */
  readonly row?: Row;
}

export interface Declaration {
  statement: Statement<unknown>;
  /** file:line of the declaration, for the test's messages. */
  where: string;
}

const declared: Declaration[] = [];

/** Where the declaration stands: the code that called statement(), and what called that helper, if one did. */
function caller(): string {
  // [0] "Error", [1] this function, [2] statement(), then its callers while they are the product's code.
  const frames = (new Error().stack ?? "").split("\n").slice(3);
  const ours: string[] = [];
  for (const frame of frames) {
    const location = frame.replace(/^\s*at\s+/, "").replace(/^.*\((.*)\)$/, "$1");
    if (!/[/\\]lib[/\\]/.test(location) || /node_modules/.test(location)) break;
    ours.push(location.replace(/^.*?[/\\](lib[/\\])/, "$1"));
  }
  return ours.reverse().join(" via ");
}

/**
 * A statement whose rows are `Row`, with its columns spelled out for the row-type test. Declare it once, at module
 * level, beside the code that reads its rows; `Row` must be given (`statement<MessageRow>(…)`).
 */
export function statement<Row>(text: string, columns: ColumnsOf<NoInfer<Row>>): Statement<Row> {
  const declaration: Statement<Row> = { text, columns: columns as Record<string, ColumnType> };
  declared.push({ statement: declaration, where: caller() });
  return declaration;
}

/** Some of a row's declared columns, for a statement that returns only those. */
export function pickColumns<Row, const Key extends keyof Row>(columns: ColumnsOf<Row>, keys: readonly Key[]): ColumnsOf<Pick<Row, Key>> {
  return Object.fromEntries(keys.map((key) => [key, columns[key]])) as unknown as ColumnsOf<Pick<Row, Key>>;
}

/**
 * The same columns over another text, for SQL assembled at run time from a declared statement's select list (a
 * filter added, a CTE around it). Not registered: the declared statement it comes from is what the test describes.
 */
export function withText<Row>(declaration: Statement<Row>, text: string): Statement<Row> {
  return { text, columns: declaration.columns };
}

/** Every statement declared by the modules loaded so far (the row-type test loads them all). */
export function declaredStatements(): readonly Declaration[] {
  return declared;
}

export const textOf = (query: string | Statement<unknown>) => (typeof query === "string" ? query : query.text);

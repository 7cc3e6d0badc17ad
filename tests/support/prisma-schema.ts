// A small reader for prisma/schema.prisma, enough for the drift test to know what the SQL must contain.
import { readFileSync } from "node:fs";
import path from "node:path";

export interface SchemaField {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  nativeType: string | null;
  hasDefault: boolean;
  isUpdatedAt: boolean;
  unique: boolean;
  relation: { fields: string[]; references: string[]; onDelete: string | null } | null;
}

export interface SchemaModel {
  name: string;
  table: string;
  fields: SchemaField[];
  uniques: string[][];
  indexes: string[][];
  primaryKey: string[];
}

export interface PrismaSchema {
  models: SchemaModel[];
  enums: Map<string, string[]>;
}

const listOf = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim().replace(/\(.*\)$/, ""))
    .filter(Boolean);

export function readPrismaSchema(file = path.join(process.cwd(), "prisma", "schema.prisma")): PrismaSchema {
  const source = readFileSync(file, "utf8").replace(/\/\/.*$/gm, "");
  const enums = new Map<string, string[]>();
  for (const match of source.matchAll(/enum\s+(\w+)\s*\{([^}]*)\}/g)) {
    enums.set(match[1]!, match[2]!.split(/\s+/).filter(Boolean));
  }
  const models: SchemaModel[] = [];
  for (const match of source.matchAll(/model\s+(\w+)\s*\{([^}]*)\}/g)) {
    const name = match[1]!;
    const model: SchemaModel = { name, table: name, fields: [], uniques: [], indexes: [], primaryKey: [] };
    for (const rawLine of match[2]!.split("\n")) {
      const line = rawLine.trim();
      if (!line) continue;
      const block = line.match(/^@@(\w+)\(\s*(?:fields:\s*)?\[([^\]]*)\]/);
      if (block) {
        const columns = listOf(block[2]!);
        if (block[1] === "unique") model.uniques.push(columns);
        if (block[1] === "index") model.indexes.push(columns);
        if (block[1] === "id") model.primaryKey = columns;
        continue;
      }
      const map = line.match(/^@@map\("([^"]+)"\)/);
      if (map) {
        model.table = map[1]!;
        continue;
      }
      const field = line.match(/^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/);
      if (!field) continue;
      const attributes = field[5] ?? "";
      const relation = attributes.match(/@relation\([^)]*fields:\s*\[([^\]]*)\][^)]*\)/);
      model.fields.push({
        name: field[1]!,
        column: attributes.match(/@map\("([^"]+)"\)/)?.[1] ?? field[1]!,
        type: field[2]!,
        list: Boolean(field[3]),
        optional: Boolean(field[4]),
        nativeType: attributes.match(/@db\.(\w+)/)?.[1] ?? null,
        hasDefault: /@default\(/.test(attributes),
        isUpdatedAt: /@updatedAt/.test(attributes),
        unique: /@unique\b/.test(attributes),
        relation: relation
          ? {
              fields: listOf(relation[1]!),
              references: listOf(attributes.match(/references:\s*\[([^\]]*)\]/)?.[1] ?? ""),
              onDelete: attributes.match(/onDelete:\s*(\w+)/)?.[1] ?? null,
            }
          : null,
      });
      if (/@id\b/.test(attributes)) model.primaryKey = [field[1]!];
    }
    models.push(model);
  }
  return { models, enums };
}

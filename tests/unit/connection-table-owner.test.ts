// lib/connections owns the "Connection" table: its credentials are read nowhere else, and nobody else reads or
// writes its rows (a read-model query may still JOIN it for a connection's name or state). Read from the source, so
// that a new query elsewhere fails here instead of spreading the table's rules again.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const OWNER = path.join("lib", "connections");
const GENERATED = path.join("lib", "db", "generated");

function sourcesOutsideTheOwner(): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (relative === OWNER || relative === GENERATED) continue;
      if (entry.isDirectory()) walk(relative);
      else if (/\.tsx?$/.test(entry.name)) found.push({ file: relative, text: readFileSync(path.join(ROOT, relative), "utf8") });
    }
  };
  walk("lib");
  walk("app");
  return found;
}

/** Every line of `text` that matches `pattern`, as "file:line: text". */
function matches(files: { file: string; text: string }[], pattern: RegExp): string[] {
  return files.flatMap(({ file, text }) =>
    text.split("\n").flatMap((line, index) => (pattern.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
  );
}

describe("the Connection table's owner", () => {
  const sources = sourcesOutsideTheOwner();

  it("is the only reader of connection credentials (the encrypted* columns)", () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(matches(sources, /\bencrypted[A-Z]\w*/)).toEqual([]);
  });

  it("is the only module that selects, inserts, updates or deletes connections; others JOIN for a name or state", () => {
    const statements = /(FROM|UPDATE|INTO)\s+"Connection"|\b(db\(\)|tx|prisma)\.connection\.(find|create|update|upsert|delete|count|aggregate|group)/;
    expect(matches(sources, statements)).toEqual([]);
  });
});

// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded database.
import "./load-env";
import { closeDatabase, sql } from "@/lib/db";
import { migrate, MigrationError } from "@/lib/db/migrate";

try {
  const result = await migrate(sql(), { log: (line) => console.log(line) });
  console.log(
    result.applied.length === 0
      ? `Database is up to date (${result.alreadyApplied} migrations applied earlier).`
      : `Applied ${result.applied.length} migration(s).`,
  );
} catch (error) {
  console.error(error instanceof MigrationError ? `Migration refused: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}

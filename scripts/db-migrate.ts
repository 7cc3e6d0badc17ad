// npm run db:migrate — applies pending migrations to DATABASE_URL (required: production rules whatever NODE_ENV says),
// or with `-- --dev` to the development database (the embedded one in DATA_DIR unless DATABASE_URL names another).
import "./production-mode";
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

// npm run db:seed — migrates, then creates the demo organization if it is missing.
import "./load-env";
import { closeDatabase, sql } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { seedDemo } from "@/lib/server/seed";

try {
  await migrate(sql());
  const seed = await seedDemo();
  console.log(`Demo organization "${seed.organization}" ${seed.created ? "created" : "already present"}:`);
  for (const login of seed.logins) console.log(`  ${login.role.padEnd(6)} ${login.email}  password: ${login.password}`);
} finally {
  await closeDatabase();
}

// npm run db:seed — migrates, then creates the demo organization if it is missing. A development command: the demo
// logins' passwords are published, so it runs with development defaults and is no way to set up production.
import "./development-mode";
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

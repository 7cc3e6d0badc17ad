// npm run keys:rotate — re-encrypts every stored tenant secret under the current key (the first in
// ENCRYPTION_KEYS). Put the new key first, keep the old one after it, run this, then drop the old key. Production
// rules whatever NODE_ENV says; `-- --dev` for the development database and its generated keys.
import "./production-mode";
import { rotateConnectionSecrets } from "@/lib/connections/secrets";
import { closeDatabase } from "@/lib/db";

try {
  const result = await rotateConnectionSecrets();
  console.log(`Re-encrypted ${result.secrets} secret(s) in ${result.connections} connection(s).`);
  for (const { connectionId, field } of result.unreadable) {
    console.error(`Could not decrypt ${field} of connection ${connectionId} with any configured key; left as it was.`);
  }
  if (result.unreadable.length > 0) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}

// Runs once when a server process starts, before it serves requests: validate settings, bring the
// database schema up to date, and (in development) make sure the demo organization exists.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server/start");
  await startServer();
}

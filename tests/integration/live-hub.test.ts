// The live hub's start: a page set up while the hub's LISTEN is still being established (a slow connection, a busy
// database) hears the events published after it at once, not at the next fallback read seconds later.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabase, sql, type SqlDriver } from "@/lib/db";
import { closeLiveHub, openLiveStream, publishLiveEvents } from "@/lib/live";
import { createOrganization } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { sseReader } from "../support/sse";

const database = withTestDatabase();
afterAll(() => closeLiveHub());

let organizationId: string;
beforeAll(async () => {
  organizationId = (await createOrganization("Slow listener")).organization.id;
});

/** The test database, whose LISTEN takes `delayMs` longer to be in place than its queries take to answer. */
function slowToListen(driver: SqlDriver, delayMs: number): SqlDriver {
  return {
    ...driver,
    async listen(channel, onPayload) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return driver.listen(channel, onPayload);
    },
  };
}

describe("the live hub", () => {
  it("listens before a page is set up, so the page hears its first events at once", async () => {
    const installed = database();
    await closeLiveHub();
    installDatabase({ ...installed, sql: slowToListen(installed.sql, 300) });
    const controller = new AbortController();
    try {
      const reader = sseReader(openLiveStream({ organizationId, signal: controller.signal }));
      await reader.next((frame) => frame.retry !== undefined);
      await sql().transaction((tx) => publishLiveEvents(tx, [{ organizationId, type: "test.event", data: { n: 1 } }]));
      // Well under the hub's 5 s fallback read.
      const [event] = await reader.events(1, 2500);
      expect(JSON.parse(event!.data!)).toEqual({ n: 1 });
    } finally {
      controller.abort();
      await closeLiveHub();
      installDatabase(installed);
    }
  });
});

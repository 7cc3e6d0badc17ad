// Connecting an app key to an app with a switchboard offers to add Sunbridge's integration to it: added once, passing
// control on to the Agent Workspace, not made the default; never offered to OAuth connections or apps without one.
import { describe, expect, it } from "vitest";
import * as connectionActions from "@/app/(app)/connections/actions";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { addSunbridgeToSwitchboard, switchboardPlacement } from "@/lib/switchboards";
import { createSwitchboard, createSwitchboardIntegration, updateSwitchboard } from "../support/parsed-use-cases";
import { formData } from "../support/builders";
import { connectWithFixtureKey, connectWithFixtureOAuth, signedInOwner, withTenantSandbox } from "../support/connections";
import { withTestDatabase } from "../support/database";

withTestDatabase();
const world = withTenantSandbox();

describe("adding Sunbridge to an app-key connection's switchboard", () => {
  it("is offered when the app has a switchboard without it, and chains Sunbridge on to the Agent Workspace", async () => {
    const { ctx } = await signedInOwner();
    const connection = await connectWithFixtureKey(ctx, world.sandbox, 1);
    expect(await switchboardPlacement(ctx, { connectionId: connection.id })).toBeNull();
    await createSwitchboard(ctx, { connectionId: connection.id });
    const agents = await createSwitchboardIntegration(ctx, { connectionId: connection.id, name: "agents", integration: "oauth:zd:agentWorkspace" });
    await updateSwitchboard(ctx, { connectionId: connection.id, defaultSwitchboardIntegrationId: agents.id });
    expect(await switchboardPlacement(ctx, { connectionId: connection.id })).toMatchObject({ offer: true, chain: [{ name: "agents" }] });

    const chain = await addSunbridgeToSwitchboard(ctx, { connectionId: connection.id });
    expect(chain.map(({ name, isDefault, nextName }) => ({ name, isDefault, nextName }))).toEqual([
      { name: "agents", isDefault: true, nextName: null },
      { name: "sunbridge", isDefault: false, nextName: "agents" },
    ]);
    expect(chain[1]!.integrationId).toBe(connection.integrationId);
    const inSandbox = world.sandbox.sandbox.snapshot().switchboardIntegrations.filter((member) => member.name === "sunbridge");
    expect(inSandbox).toMatchObject([{ integrationId: connection.integrationId, nextSwitchboardIntegrationId: agents.id, deliverStandbyEvents: false }]);
    expect(await switchboardPlacement(ctx, { connectionId: connection.id })).toMatchObject({ offer: false });
    await expect(addSunbridgeToSwitchboard(ctx, { connectionId: connection.id })).rejects.toThrow(ConflictError);
    expect(await db().auditEvent.findFirst({ where: { connectionId: connection.id, action: "switchboard_integration.created", target: "sunbridge" } })).toMatchObject({ result: "success" });
  });

  it("is offered by the API-key form's answer when the app has a switchboard", async () => {
    const { ctx } = await signedInOwner();
    const first = await connectWithFixtureKey(ctx, world.sandbox, 1);
    await createSwitchboard(ctx, { connectionId: first.id });
    const app = world.sandbox.fixtures.apps[1]!;
    const key = app.appKeys[0]!;
    const result = await connectionActions.connectApiKeyAction(
      null,
      formData({ appId: app.id, keyId: key.id, secret: key.secret, scheme: "basic", location: "subdomain", subdomain: app.subdomain }),
    );
    expect(result).toMatchObject({ ok: true, data: { connectionId: first.id, offerSwitchboard: true } });
  });

  it("is never offered to an OAuth connection, whose token cannot manage switchboards", async () => {
    const { ctx } = await signedInOwner();
    const connection = await connectWithFixtureOAuth(ctx, world.sandbox, 0);
    expect(await switchboardPlacement(ctx, { connectionId: connection.id })).toBeNull();
    await expect(addSunbridgeToSwitchboard(ctx, { connectionId: connection.id })).rejects.toThrow(ForbiddenError);
  });
});

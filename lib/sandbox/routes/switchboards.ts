// Switchboards (one per app) and their Switchboard Integrations.
import { Hono } from "hono";
import {
  switchboardIntegrationCreateBodySchema,
  switchboardIntegrationUpdateBodySchema,
  switchboardUpdateBodySchema,
} from "@/lib/sunco/schemas";
import type { SandboxContext } from "../context";
import { badRequest, integrationNotFound, notFound, SuncoApiError, switchboardNotFound } from "../errors";
import { objectId } from "../ids";
import { appOperation, type AppCall, type SandboxEnv } from "../operation";
import { switchboardIntegrationView, switchboardView } from "../serialize";
import type { IntegrationRecord, SwitchboardIntegrationRecord, SwitchboardRecord } from "../state";

export const MAX_SWITCHBOARD_INTEGRATIONS = 10;

const switchboardIntegrationNotFound = (title = "SwitchboardIntegration not found") =>
  notFound("switchboard_integration_not_found", title);

export function switchboardRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>();
  const SWITCHBOARD = "/v2/apps/:appId/switchboards/:switchboardId";
  const pathSwitchboard = (call: AppCall) => {
    const switchboard = ctx.state.switchboards.get(call.param("switchboardId"));
    if (!switchboard || switchboard.appId !== call.app.id) throw switchboardNotFound();
    return switchboard;
  };
  const membersOf = (switchboard: SwitchboardRecord) =>
    ctx.state.switchboardIntegrations.where((si) => si.switchboardId === switchboard.id);
  const pathMember = (call: AppCall) => {
    const si = membersOf(pathSwitchboard(call)).find((s) => s.id === call.param("switchboardIntegrationId"));
    if (!si) throw switchboardIntegrationNotFound();
    return si;
  };

  /** integrationId names a custom (or any) integration; integrationType an OAuth one by its client id. */
  const linkedIntegration = (appId: string, link: { integrationId?: string; integrationType?: string }): IntegrationRecord => {
    const integration = link.integrationId
      ? ctx.state.integrations.get(link.integrationId)
      : ctx.state.integrations.find((i) => i.appId === appId && i.type === link.integrationType);
    if (!integration || integration.appId !== appId) throw integrationNotFound();
    return integration;
  };

  const checkMembers = (switchboard: SwitchboardRecord, si: Pick<SwitchboardIntegrationRecord, "id" | "name" | "nextSwitchboardIntegrationId">) => {
    const others = membersOf(switchboard).filter((s) => s.id !== si.id);
    if (others.some((s) => s.name === si.name)) throw badRequest(`A switchboard integration named ${si.name} already exists`);
    if (si.nextSwitchboardIntegrationId && !others.some((s) => s.id === si.nextSwitchboardIntegrationId)) {
      throw switchboardIntegrationNotFound("nextSwitchboardIntegrationId does not name a switchboard integration of this switchboard");
    }
  };

  routes.post(
    "/v2/apps/:appId/switchboards",
    appOperation(ctx, "CreateSwitchboard", ({ app }) => {
      if (ctx.state.switchboards.find((s) => s.appId === app.id)) throw badRequest("Only one switchboard can be created per app");
      const switchboard = ctx.state.switchboards.insert({ id: objectId(ctx.clock.now()), appId: app.id, enabled: false });
      ctx.changed();
      return { status: 201, body: { switchboard: switchboardView(switchboard) } };
    }),
  );

  routes.get(
    "/v2/apps/:appId/switchboards",
    appOperation(ctx, "ListSwitchboards", ({ app }) => ({
      body: { switchboards: ctx.state.switchboards.where((s) => s.appId === app.id).map(switchboardView) },
    })),
  );

  routes.patch(
    SWITCHBOARD,
    appOperation(ctx, "UpdateSwitchboard", async (call) => {
      const switchboard = pathSwitchboard(call);
      const body = await call.body(switchboardUpdateBodySchema);
      const defaultId = body.defaultSwitchboardIntegrationId ?? switchboard.defaultSwitchboardIntegrationId;
      if (defaultId && !membersOf(switchboard).some((si) => si.id === defaultId)) throw switchboardIntegrationNotFound();
      if ((body.enabled ?? switchboard.enabled) && !defaultId) {
        throw switchboardIntegrationNotFound("Enabled switchboard must have an associated default switchboardIntegration");
      }
      switchboard.defaultSwitchboardIntegrationId = defaultId;
      if (body.enabled !== undefined) switchboard.enabled = body.enabled;
      ctx.changed();
      return { body: { switchboard: switchboardView(switchboard) } };
    }),
  );

  routes.delete(
    SWITCHBOARD,
    appOperation(ctx, "DeleteSwitchboard", (call) => {
      const switchboard = pathSwitchboard(call);
      ctx.state.switchboardIntegrations.deleteWhere((si) => si.switchboardId === switchboard.id);
      for (const conversation of ctx.state.conversations.where((c) => c.appId === switchboard.appId)) {
        conversation.activeSwitchboardIntegrationId = undefined;
        conversation.pendingSwitchboardIntegrationId = undefined;
      }
      ctx.state.switchboards.delete(switchboard.id);
      ctx.changed();
      return { body: {} };
    }),
  );

  routes.post(
    `${SWITCHBOARD}/switchboardIntegrations`,
    appOperation(ctx, "CreateSwitchboardIntegration", async (call) => {
      const switchboard = pathSwitchboard(call);
      const body = await call.body(switchboardIntegrationCreateBodySchema);
      if (membersOf(switchboard).length >= MAX_SWITCHBOARD_INTEGRATIONS) {
        throw new SuncoApiError(
          400,
          "too_many_switchboard_integrations",
          `Switchboard has reached the max number of switchboard integrations (${MAX_SWITCHBOARD_INTEGRATIONS})`,
        );
      }
      const integration = linkedIntegration(call.app.id, body);
      const si: SwitchboardIntegrationRecord = {
        id: objectId(ctx.clock.now()),
        appId: call.app.id,
        switchboardId: switchboard.id,
        name: body.name,
        integrationId: integration.id,
        integrationType: integration.type,
        deliverStandbyEvents: body.deliverStandbyEvents,
        nextSwitchboardIntegrationId: body.nextSwitchboardIntegrationId ?? null,
        messageHistoryCount: body.messageHistoryCount ?? null,
      };
      checkMembers(switchboard, si);
      ctx.state.switchboardIntegrations.insert(si);
      ctx.changed();
      return { status: 201, body: { switchboardIntegration: switchboardIntegrationView(si) } };
    }),
  );

  routes.get(
    `${SWITCHBOARD}/switchboardIntegrations`,
    appOperation(ctx, "ListSwitchboardIntegrations", (call) => ({
      body: { switchboardIntegrations: membersOf(pathSwitchboard(call)).map(switchboardIntegrationView) },
    })),
  );

  routes.patch(
    `${SWITCHBOARD}/switchboardIntegrations/:switchboardIntegrationId`,
    appOperation(ctx, "UpdateSwitchboardIntegration", async (call) => {
      const si = pathMember(call);
      const body = await call.body(switchboardIntegrationUpdateBodySchema);
      const integration =
        body.integrationId !== undefined || body.integrationType !== undefined ? linkedIntegration(call.app.id, body) : undefined;
      const updated = {
        ...si,
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.deliverStandbyEvents !== undefined ? { deliverStandbyEvents: body.deliverStandbyEvents } : {}),
        ...(body.nextSwitchboardIntegrationId !== undefined ? { nextSwitchboardIntegrationId: body.nextSwitchboardIntegrationId } : {}),
        ...(body.messageHistoryCount !== undefined ? { messageHistoryCount: body.messageHistoryCount } : {}),
        ...(integration ? { integrationId: integration.id, integrationType: integration.type } : {}),
      };
      checkMembers(pathSwitchboard(call), updated);
      Object.assign(si, updated);
      ctx.changed();
      return { body: { switchboardIntegration: switchboardIntegrationView(si) } };
    }),
  );

  routes.delete(
    `${SWITCHBOARD}/switchboardIntegrations/:switchboardIntegrationId`,
    appOperation(ctx, "DeleteSwitchboardIntegration", (call) => {
      const si = pathMember(call);
      const switchboard = pathSwitchboard(call);
      if (switchboard.defaultSwitchboardIntegrationId === si.id) {
        throw badRequest("The switchboard's default switchboard integration cannot be deleted");
      }
      if (membersOf(switchboard).some((other) => other.nextSwitchboardIntegrationId === si.id)) {
        throw badRequest("A switchboard integration that another one names as next cannot be deleted");
      }
      ctx.state.switchboardIntegrations.delete(si.id);
      for (const conversation of ctx.state.conversations.where((c) => c.appId === si.appId)) {
        if (conversation.activeSwitchboardIntegrationId === si.id) conversation.activeSwitchboardIntegrationId = undefined;
        if (conversation.pendingSwitchboardIntegrationId === si.id) conversation.pendingSwitchboardIntegrationId = undefined;
      }
      ctx.changed();
      return { body: {} };
    }),
  );

  return routes;
}

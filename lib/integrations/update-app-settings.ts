// Changes the tenant app's name and settings. Only what differs from SunCo's current values is sent, so a form
// saved unchanged changes nothing; multi-conversation, once on, cannot be turned off (SunCo's rule, said early).
import type { z } from "zod";
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { InvalidInputError } from "@/lib/errors";
import type { AppSettings } from "@/lib/sunco/schemas";
import type { updateAppSettingsSchema } from "./schemas";

type Changes = { displayName?: string; settings?: AppSettings };

function differences(current: { displayName?: string | null; settings?: AppSettings }, wanted: { displayName: string; settings: AppSettings }) {
  const changes: Changes = {};
  if ((current.displayName ?? null) !== wanted.displayName) changes.displayName = wanted.displayName;
  const now = current.settings ?? {};
  const settings = Object.fromEntries(
    Object.entries(wanted.settings).filter(([key, value]) => {
      const was = now[key as keyof AppSettings];
      return value !== undefined && value !== (typeof value === "boolean" ? (was ?? false) : was);
    }),
  );
  if (Object.keys(settings).length > 0) changes.settings = settings;
  return changes;
}

export async function updateAppSettings(ctx: MemberContext, { connectionId, displayName, ...settings }: z.infer<typeof updateAppSettingsSchema>) {
  const tenant = await openTenant(ctx, connectionId, "appSettings", { action: "app.updated" });
  const current = await tenant.read(() => tenant.client.app.get());
  if (current.settings?.multiConvoEnabled && !settings.multiConvoEnabled) {
    const message = "Multi-conversation can't be turned off once it is on.";
    throw new InvalidInputError(message, { multiConvoEnabled: [message] });
  }
  const changes = differences(current, { displayName, settings });
  if (!changes.displayName && !changes.settings) return { changed: false };
  await tenant.change(
    {
      action: "app.updated",
      target: `${current.displayName ?? current.id} (${current.id})`,
      before: {
        ...(changes.displayName !== undefined && { displayName: current.displayName ?? null }),
        ...(changes.settings && {
          settings: Object.fromEntries(Object.keys(changes.settings).map((key) => [key, current.settings?.[key as keyof AppSettings] ?? null])),
        }),
      },
      after: () => changes,
    },
    () => tenant.client.app.update(changes),
  );
  return { changed: true };
}

// The organization's own settings that owners and admins change: whether resolving sends a satisfaction survey, and
// the time zone reports count days in.
import { roleAtLeast, type MemberContext } from "@/lib/auth/require-member";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";

export interface OrganizationSettings {
  satisfactionSurvey: boolean;
  timeZone: string;
}

export async function organizationSettings(ctx: MemberContext): Promise<OrganizationSettings> {
  const organization = await db().organization.findUniqueOrThrow({ where: { id: ctx.organization.id }, select: { satisfactionSurvey: true, timeZone: true } });
  return { satisfactionSurvey: organization.satisfactionSurvey, timeZone: organization.timeZone };
}

export async function setSatisfactionSurvey(ctx: MemberContext, enabled: boolean): Promise<void> {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError("Only owners and admins change the organization's settings.");
  await audited(ctx, { action: "organization.satisfaction_survey", after: () => ({ satisfactionSurvey: enabled }) }, () =>
    db().organization.update({ where: { id: ctx.organization.id }, data: { satisfactionSurvey: enabled } }),
  );
}

/** `timeZone` is an IANA name, checked by the caller's schema (lib/reports timeZoneSchema). */
export async function setOrganizationTimeZone(ctx: MemberContext, timeZone: string): Promise<void> {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError("Only owners and admins change the organization's settings.");
  // A trigger counts the report tallies again in the same transaction (every tally is by local day: in another zone,
  // days start at other instants): migration 20261205092000_report_tally_folds.
  await audited(ctx, { action: "organization.time_zone", after: () => ({ timeZone }) }, () =>
    db().organization.update({ where: { id: ctx.organization.id }, data: { timeZone } }),
  );
}

"use server";

import { formInput } from "@/lib/actions/action";
import { memberAction, nothing } from "@/lib/actions/member-action";
import {
  addTeamConnection,
  addTeamMember,
  createTeam,
  deleteTeam,
  removeTeamConnection,
  removeTeamMember,
  teamConnectionSchema,
  teamIdSchema,
  teamMemberSchema,
  teamMemberSettingsSchema,
  teamNameSchema,
  updateTeamMember,
} from "@/lib/teams";
import { businessHoursFormSchema, setTeamBusinessHours } from "@/lib/reports";

const PAGE = "/settings/teams";
const FORM = { input: formInput(), revalidate: PAGE, returns: nothing };
/** Forms of one team: the page binds its id. */
const TEAM_FORM = { ...FORM, input: formInput({ bound: "teamId" }) };

export const createTeamAction = memberAction(teamNameSchema, "admin", createTeam, { ...FORM, message: "Team created." });

export const deleteTeamAction = memberAction(teamIdSchema, "admin", deleteTeam, { field: "teamId", revalidate: PAGE, message: "Team deleted." });

export const addTeamMemberAction = memberAction(teamMemberSchema, "admin", addTeamMember, { ...TEAM_FORM, message: "Member added." });

export const addTeamConnectionAction = memberAction(teamConnectionSchema, "admin", addTeamConnection, { ...TEAM_FORM, message: "Connection added." });

export const updateTeamMemberAction = memberAction(teamMemberSettingsSchema, "admin", updateTeamMember, {
  revalidate: PAGE,
  returns: nothing,
  message: "Saved.",
});

export const removeTeamMemberAction = memberAction(teamMemberSchema, "admin", removeTeamMember, { revalidate: PAGE, returns: nothing, message: "Member removed from the team." });

export const removeTeamConnectionAction = memberAction(teamConnectionSchema, "admin", removeTeamConnection, {
  revalidate: PAGE,
  returns: nothing,
  message: "Connection removed from the team.",
});

export const setTeamBusinessHoursAction = memberAction(
  businessHoursFormSchema,
  "admin",
  (ctx, { teamId, hours }) => setTeamBusinessHours(ctx, teamId, hours),
  { ...TEAM_FORM, message: "Business hours saved." },
);

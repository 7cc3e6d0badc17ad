// Teams: which connections' conversations each member sees (the one access rule), the teams owners and admins make,
// agents' availability, and assigning new and reopened conversations to a team's online agents within capacity.
export {
  connectionScope,
  EVERY_CONNECTION,
  memberSees,
  membersSeeing,
  NO_CONNECTION,
  onlyVisible,
  reportScope,
  sameScope,
  SCOPED,
  scopeAllows,
  scopeFor,
  scopeParameter,
  scopesOf,
  type AccessContext,
  type AccessFacts,
  type ConnectionScope,
  type MemberAccess,
  type ReportScope,
} from "./access";
export { checkWatchedScopes, SCOPE_CHECK_INTERVAL_MS, watchConnectionScope, type WatchedScope } from "./scope-watch";
export { assignWaiting, assignWrittenConversations, AUTO_ASSIGN_QUEUE, joinLine, requestAssignment, SEEN_GRACE_MS, SEEN_REFRESH_MS } from "./auto-assign";
export { availabilityOf, reportActivity, setAvailability, touchPresence, type AgentAvailabilityView } from "./availability";
export {
  addTeamConnection,
  addTeamMember,
  createTeam,
  deleteTeam,
  listTeams,
  removeTeamConnection,
  removeTeamMember,
  updateTeamMember,
  type TeamView,
} from "./manage";
export {
  availabilitySchema,
  MAX_CAPACITY,
  teamConnectionSchema,
  teamIdSchema,
  teamMemberSchema,
  teamMemberSettingsSchema,
  teamNameSchema,
  type AvailabilityStatus,
  type TeamMemberSettings,
} from "./schemas";

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
  type ReportScope,
} from "./access";
export { checkWatchedScopes, SCOPE_CHECK_INTERVAL_MS, watchConnectionScope, type WatchedScope } from "./scope-watch";

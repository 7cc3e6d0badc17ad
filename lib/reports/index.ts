// Reports: how the organization's (or a lead's teams') support is doing over a period, from the read model's
// per-conversation moments, with teams' business hours and a CSV export.
export { setTeamBusinessHours } from "./business-hours";
export { reportCsv, csvCell } from "./csv";
export { reportAccess, reportFigures, reportFor, seesReports, UNASSIGNED, type Dimension, type Duration, type Figures, type Report, type ReportRow } from "./figures";
export { localDay, reportPeriod, type ReportPeriod } from "./period";
export {
  businessHoursFormSchema,
  businessHoursSchema,
  MAX_PERIOD_DAYS,
  REPORT_PRESETS,
  reportPeriodSchema,
  timeZoneSchema,
  WEEKDAYS,
  type BusinessHours,
  type ReportPeriodInput,
} from "./schemas";

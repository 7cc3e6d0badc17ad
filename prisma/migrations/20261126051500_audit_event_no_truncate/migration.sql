-- The audit log's append-only rule also covers TRUNCATE, which row-level triggers never see: a statement-level
-- trigger refuses it with the same function (TG_OP names the operation in the error).
CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_is_append_only"();

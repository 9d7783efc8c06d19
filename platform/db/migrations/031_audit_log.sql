-- NEN 7513 access log: who read or changed which case (client) data, when, in which role,
-- through which route, with which outcome. Append-only: UPDATE and DELETE raise.
CREATE TABLE audit_log (
  id BIGSERIAL PRIMARY KEY,
  occurred_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  event TEXT NOT NULL,
  case_id UUID,
  -- The case reference (DZ-...): identifies the client towards the resident without a name.
  client_reference TEXT,
  region_id TEXT,
  user_id UUID,
  user_name TEXT NOT NULL,
  responsible_role TEXT,
  route TEXT NOT NULL,
  outcome TEXT NOT NULL,
  status INT NOT NULL,
  source_address TEXT
);
CREATE INDEX audit_log_case ON audit_log (case_id, occurred_at);
CREATE INDEX audit_log_time ON audit_log (occurred_at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (NEN 7513): % refused', TG_OP;
END;
$$;

CREATE TRIGGER audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

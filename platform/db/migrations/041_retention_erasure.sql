-- Retention and erasure remove a case everywhere, its NEN 7513 entries included: the access log
-- of a record is kept as long as the record itself (NEN 7513, AVG art. 5(1)(e)). The log stays
-- append-only for everything else; only a transaction that sets doorzet.purge (retention and
-- erasure in api/privacy/) may delete, and only rows of the cases it removes (the service's SQL).
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('doorzet.purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (NEN 7513): % refused', TG_OP;
END;
$$;

-- What each retention run removed: counts per region and per table, never a case reference,
-- since the report must not itself keep what was removed.
CREATE TABLE retention_run (
  id BIGSERIAL PRIMARY KEY,
  started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at TIMESTAMPTZ,
  trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  region_id TEXT,
  started_by TEXT NOT NULL,
  cases_removed INT NOT NULL DEFAULT 0,
  report JSONB NOT NULL DEFAULT '{}'
);

-- An erasure on request (AVG art. 17): who, when, on which legal ground, and how many cases;
-- not whose, for the same reason.
CREATE TABLE erasure_request (
  id BIGSERIAL PRIMARY KEY,
  at TIMESTAMPTZ NOT NULL DEFAULT now(),
  region_id TEXT NOT NULL REFERENCES region (id),
  recorded_by TEXT NOT NULL,
  legal_ground TEXT NOT NULL,
  explanation TEXT NOT NULL,
  open_case_override TEXT,
  cases_erased INT NOT NULL,
  report JSONB NOT NULL DEFAULT '{}'
);

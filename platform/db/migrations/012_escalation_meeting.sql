-- A bestuurlijk escalatie overleg convened for a case (Twente trede 3). One per job:
-- a redelivered convene job finds its own row by job key instead of planning a second meeting.
CREATE TABLE escalation_meeting (
  id UUID PRIMARY KEY,
  case_id UUID NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
  proposed_start TIMESTAMPTZ NOT NULL,
  duration_minutes INT NOT NULL CHECK (duration_minutes > 0),
  location TEXT NOT NULL,
  coordinator_organisation TEXT NOT NULL,
  coordinator_email TEXT NOT NULL,
  invited TEXT[] NOT NULL,
  created_by_job_key TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX escalation_meeting_case ON escalation_meeting (case_id);

-- Twente (seed 003, advies 2): the responsible municipality fills in the fixed format after the
-- bestuurlijk escalatie overleg. Its free text (agreements, missing provision) may say more than
-- it should, so it is kept here, next to the case, and never in the engine's process variables.
-- One row per completed task: a second overleg of the same case is a second form.
CREATE TABLE feedback_form (
  id BIGSERIAL PRIMARY KEY,
  case_id UUID NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
  task_key TEXT NOT NULL UNIQUE,
  meeting_held_on DATE NOT NULL,
  responsible_municipality TEXT NOT NULL,
  partners TEXT NOT NULL,
  solution TEXT NOT NULL CHECK (solution IN ('gevonden', 'niet-gevonden')),
  solution_description TEXT,
  agreements TEXT NOT NULL,
  missing_provision TEXT,
  knelpunten TEXT[] NOT NULL DEFAULT '{}',
  submitted_by TEXT NOT NULL,
  submitted_role TEXT NOT NULL,
  submitted_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX feedback_form_case ON feedback_form (case_id, submitted_at);

-- The stored report is what the portefeuillehouder received: built from the form after the
-- hand-back of casusregie, or from what is known when trede 3 ran out of time.
ALTER TABLE report_back
  ADD COLUMN form_task_key TEXT,
  ADD COLUMN meeting_held_on DATE,
  ADD COLUMN responsible_municipality TEXT,
  ADD COLUMN partners TEXT,
  ADD COLUMN solution TEXT,
  ADD COLUMN solution_description TEXT,
  ADD COLUMN agreements TEXT,
  ADD COLUMN missing_provision TEXT,
  ADD COLUMN deadline_passed BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX report_back_case ON report_back (case_id);

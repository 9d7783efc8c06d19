-- Cases put on the region's learning meeting (Wijchen: the Driehoeksoverleg); one item per case.
CREATE TABLE learning_agenda_item (
  id BIGSERIAL PRIMARY KEY,
  case_id UUID NOT NULL UNIQUE REFERENCES "case" (id) ON DELETE CASCADE,
  meeting_name TEXT NOT NULL,
  meeting_date DATE NOT NULL,
  created_by_job_key TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

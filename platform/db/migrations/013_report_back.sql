-- Twente: after trede 3 the responsible municipality reports back in a fixed format to the
-- regional portefeuillehouder Onbegrepen gedrag. Only process facts, no personal data.
CREATE TABLE report_back (
  id BIGSERIAL PRIMARY KEY,
  case_id UUID NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
  case_reference TEXT NOT NULL,
  tier_reached INT NOT NULL,
  meeting_date TIMESTAMPTZ,
  responsible_party TEXT,
  status TEXT NOT NULL,
  knelpunten TEXT[] NOT NULL,
  reported_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  created_by_job_key TEXT NOT NULL UNIQUE
);

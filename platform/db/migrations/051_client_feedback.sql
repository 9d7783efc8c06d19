-- The short question to the resident or family after a case is closed (seed 001 §7.3: 40 % of the
-- municipalities that evaluate include client experiences). The case worker hands out a one-time
-- link; only a SHA-256 of its token is kept, so the table cannot be turned back into working links.
CREATE TABLE client_feedback_link (
  token_hash TEXT PRIMARY KEY,
  case_id UUID NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
  expires_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  used_at TIMESTAMPTZ
);
CREATE INDEX client_feedback_link_case ON client_feedback_link (case_id);

-- The answer, apart from the case: the case reference and region only, no name, no link to the
-- person, so it stays for the yearly evaluation when the case itself is erased. One per case.
CREATE TABLE client_feedback (
  case_reference TEXT PRIMARY KEY,
  region_id TEXT NOT NULL REFERENCES region (id),
  rating INT NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment TEXT CHECK (length(comment) <= 500),
  answered_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX client_feedback_region ON client_feedback (region_id, answered_at);

-- Break the glass: a region role without a task or decision in a case may still read the
-- resident's data when it must, but only after stating why. Each grant is per user and case,
-- expires, and is shown to the case's own roles (accounthouder) next to the NEN 7513 log.
CREATE TABLE case_access_grant (
  id BIGSERIAL PRIMARY KEY,
  case_id UUID NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
  user_id UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  user_name TEXT NOT NULL,
  role TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(reason) >= 10),
  granted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX case_access_grant_case ON case_access_grant (case_id, user_id, expires_at);

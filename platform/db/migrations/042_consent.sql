-- Consent and family involvement per case and tier: whether the resident (or the parents) gave
-- consent for sharing data at this tier, and whether the family is involved (seed 001 §6.4:
-- 98 % of municipalities involve them; seed 002: AVE niveau 3 needs consent to share data).
-- A new row per recording, so the history of who recorded what, when, stays visible.
CREATE TABLE case_consent (
  id BIGSERIAL PRIMARY KEY,
  case_id UUID NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
  tier INT NOT NULL,
  consent TEXT NOT NULL CHECK (consent IN ('gegeven', 'geweigerd', 'niet-gevraagd', 'niet-nodig')),
  family_involved BOOLEAN NOT NULL,
  explanation TEXT,
  recorded_by TEXT NOT NULL,
  recorded_role TEXT NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX case_consent_case ON case_consent (case_id, recorded_at);

-- A resident's or parent's own melding (public form, no account). Who reported it and how to
-- reach them is kept apart from the case and from the resident's own data: only the case's
-- roles read it (audited), and it goes with the case at retention or erasure.
CREATE TABLE public_melding_contact (
  case_id UUID PRIMARY KEY REFERENCES "case" (id) ON DELETE CASCADE,
  relation TEXT NOT NULL CHECK (relation IN ('ouder', 'inwoner', 'naaste')),
  name TEXT NOT NULL,
  email TEXT,
  phone TEXT,
  received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Abuse limit: public meldingen per source address, shared by every API process. Only a
-- SHA-256 of the address is kept, and rows older than a day are removed at each attempt.
CREATE TABLE public_melding_attempt (
  address_hash TEXT NOT NULL,
  at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX public_melding_attempt_key ON public_melding_attempt (address_hash, at);

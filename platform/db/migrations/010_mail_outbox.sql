-- E-mail leaves through this outbox: a job handler only inserts a row (in the same
-- idempotent step as its other effects) and the dispatcher sends it. The UNIQUE key
-- (job key + recipient + kind) makes a redelivered job insert nothing new.
CREATE TABLE mail_outbox (
  id BIGSERIAL PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  case_id UUID REFERENCES "case" (id) ON DELETE SET NULL,
  kind TEXT NOT NULL,
  recipients TEXT[] NOT NULL CHECK (cardinality(recipients) > 0),
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  ics_filename TEXT,
  ics_content TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INT NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  sent_at TIMESTAMPTZ
);
CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at) WHERE status = 'pending';

-- The domain core shared by the API and the workers. Personal data of residents lives
-- only in case_person; everything the engine sees is the case id and process facts.

CREATE TABLE region (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  settings JSONB NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_by TEXT NOT NULL
);

CREATE SEQUENCE case_reference_seq;

CREATE TABLE "case" (
  id UUID PRIMARY KEY,
  -- Shown to people and in e-mails, e.g. DZ-2026-000042; never the resident's name.
  reference TEXT NOT NULL UNIQUE,
  region_id TEXT NOT NULL REFERENCES region (id),
  bpmn_process_id TEXT NOT NULL,
  process_instance_key TEXT UNIQUE,
  process_version INT,
  status TEXT NOT NULL CHECK (status IN ('open', 'solved', 'decided', 'referred', 'closed')),
  current_tier INT NOT NULL DEFAULT 1,
  domains TEXT[] NOT NULL,
  stuck_reason TEXT NOT NULL,
  safety BOOLEAN NOT NULL DEFAULT false,
  knelpunten TEXT[] NOT NULL DEFAULT '{}',
  reported_by TEXT NOT NULL,
  reported_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  picked_up_at TIMESTAMPTZ,
  decided_at TIMESTAMPTZ,
  help_started_at TIMESTAMPTZ,
  closed_at TIMESTAMPTZ,
  responsible_party TEXT
);
CREATE INDEX case_region_status ON "case" (region_id, status);

CREATE TABLE case_organisation (
  case_id UUID NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  PRIMARY KEY (case_id, name)
);

-- Special-category personal data: read only through the API, every read audited.
CREATE TABLE case_person (
  case_id UUID PRIMARY KEY REFERENCES "case" (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  bsn TEXT,
  birth_date DATE,
  address TEXT,
  details TEXT
);

-- The case timeline: tier changes, tasks, decisions, e-mails, automatic escalations.
-- idempotency_key (e.g. a job key) makes a redelivered job record its event once.
CREATE TABLE case_event (
  id BIGSERIAL PRIMARY KEY,
  case_id UUID NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
  at TIMESTAMPTZ NOT NULL DEFAULT now(),
  kind TEXT NOT NULL,
  tier INT,
  actor TEXT NOT NULL,
  summary TEXT NOT NULL,
  details JSONB NOT NULL DEFAULT '{}',
  idempotency_key TEXT UNIQUE
);
CREATE INDEX case_event_case ON case_event (case_id, at);

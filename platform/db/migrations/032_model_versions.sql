-- Every uploaded model version of a region, valid by construction (a refused upload stores
-- nothing), with who uploaded it and why; deployment fills the engine's keys.
CREATE TABLE model_version (
  region_id TEXT NOT NULL REFERENCES region (id),
  version INT NOT NULL,
  xml TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  author TEXT NOT NULL,
  comment TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  deployed_at TIMESTAMPTZ,
  deployed_by TEXT,
  process_definition_key TEXT,
  engine_version INT,
  PRIMARY KEY (region_id, version)
);

-- Decisions taken in a `besluit` or `overleg-uitkomst` task: who is responsible and why.
CREATE TABLE decision (
  id BIGSERIAL PRIMARY KEY,
  case_id UUID NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
  task_key TEXT NOT NULL UNIQUE,
  form TEXT NOT NULL,
  responsible_party TEXT,
  rationale TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_role TEXT NOT NULL,
  decided_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX decision_case ON decision (case_id);

-- The dashboard's figures over finished cases, computed at most every FIGURES_MAX_AGE_S per
-- region and period and read from here: a percentile over 100,000 cases takes hundreds of
-- milliseconds, a refresh of the dashboard must not. Open cases per tier are read live.
CREATE TABLE region_figures (
  region_id TEXT NOT NULL REFERENCES region (id) ON DELETE CASCADE,
  -- '30', '90', '365', 'alles', or 'yyyy-mm-dd..yyyy-mm-dd' for a chosen period.
  period_key TEXT NOT NULL,
  computed_at TIMESTAMPTZ NOT NULL,
  compute_ms INTEGER NOT NULL,
  figures JSONB NOT NULL,
  PRIMARY KEY (region_id, period_key)
);

-- Tier changes and automatic escalations per case, without reading every other timeline event.
CREATE INDEX case_event_tier ON case_event (case_id, at) WHERE kind IN ('tier-change', 'automatic-escalation');
CREATE INDEX case_region_reported ON "case" (region_id, reported_at);

-- How far the workers have followed the engine's activity history (the tier tracker): a restart
-- goes on from here instead of reading all history again.
CREATE TABLE engine_history_cursor (
  name TEXT PRIMARY KEY,
  position TIMESTAMPTZ NOT NULL
);

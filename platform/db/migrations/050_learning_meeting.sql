-- The learning meeting itself (Wijchen: the Driehoeksoverleg, seed 000 stap 5; seed 002 "het leerproces"):
-- when it meets and which roles sit at the table. Its agenda is not stored: it follows from the items
-- that have no outcome yet or whose follow-up date has come (api/learning-agenda/repository.ts).
CREATE TABLE learning_meeting (
  id UUID PRIMARY KEY,
  region_id TEXT NOT NULL REFERENCES region (id),
  meeting_date DATE NOT NULL,
  attendee_roles TEXT[] NOT NULL,
  created_by TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (region_id, meeting_date)
);

-- What the meeting decided for one item: the measure, the role that carries it out and, when it is
-- to be checked, the date from which the item is back on the agenda. No personal data: the item
-- names its case only by reference.
CREATE TABLE learning_agenda_outcome (
  item_id BIGINT NOT NULL REFERENCES learning_agenda_item (id) ON DELETE CASCADE,
  meeting_id UUID NOT NULL REFERENCES learning_meeting (id) ON DELETE CASCADE,
  measure TEXT NOT NULL CHECK (length(measure) BETWEEN 1 AND 2000),
  owner_role TEXT NOT NULL,
  follow_up DATE,
  recorded_by TEXT NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (item_id, meeting_id)
);
CREATE INDEX learning_agenda_outcome_meeting ON learning_agenda_outcome (meeting_id);

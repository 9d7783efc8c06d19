-- A melding is regular or a crisis; a crisis case runs on the region's crisis spans where set
-- (crisisEscalateAfter per deadline), fixed in the case's `termijnen` at the start.
ALTER TABLE "case" ADD COLUMN urgentie TEXT NOT NULL DEFAULT 'regulier' CHECK (urgentie IN ('regulier', 'crisis'));

-- Indexes the web pages need on large databases: the chronology reads events in date
-- order a page at a time; a person page finds the figures cited in the same sentences.
CREATE INDEX events_date_id ON events(date_from, id);
CREATE INDEX citations_passage_kind ON citations(passage_id, claim_kind, start, claim_id);

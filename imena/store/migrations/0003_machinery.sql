-- The machinery (issue 5): figures linked to the whole they are part of, office phrasings,
-- sentence categories, and a record of which bundled reference data a database holds.

-- The figure this one is a part of ("72,000 to death" of "105,000 condemned"), and the
-- period of its scope as written ("During the two months of their activity").
ALTER TABLE figures ADD COLUMN part_of TEXT;
ALTER TABLE figures ADD COLUMN period_text TEXT;
CREATE INDEX figures_scope ON figures(scope_operation, scope_body, measure);
CREATE INDEX figures_part_of ON figures(part_of);

-- What an office is: its kind (imena/machinery/vocabulary.py OFFICE_KINDS).
ALTER TABLE offices ADD COLUMN kind TEXT;
CREATE INDEX offices_name ON offices(name);

-- Phrasings of one office ("the Sverdlovsk chief", "нач. УНКВД по Свердловской обл."):
-- key is imena.machinery.offices.alias_key(phrase).
CREATE TABLE office_aliases (
    key TEXT NOT NULL,
    office_id TEXT NOT NULL REFERENCES offices(id),
    phrase TEXT NOT NULL,
    PRIMARY KEY (key, office_id)
) WITHOUT ROWID;

-- Sentence categories of the mass operations (category 1 shooting, category 2 camp).
CREATE TABLE categories (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    operation_id TEXT REFERENCES operations(id),
    meaning TEXT NOT NULL
);

-- What the bodies are, beyond their name: a short description in our own words.
ALTER TABLE bodies ADD COLUMN description TEXT;
ALTER TABLE operations ADD COLUMN description TEXT;
ALTER TABLE operations ADD COLUMN order_date TEXT;

-- Bundled reference data loaded into this database (imena reference load, imena demo).
CREATE TABLE reference_loads (
    sha256 TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    loaded_at TEXT NOT NULL
);

CREATE INDEX events_type_date ON events(type, date_from);
CREATE INDEX office_terms_person_office ON office_terms(person_id, office_id);

-- For a citation of the bundled reference data: words of the cited sentence that locate it
-- in the user's own ingested copy of the work (JSON list), never the sentence itself.
ALTER TABLE citations ADD COLUMN match TEXT;

-- Sources, passages and the claim tables of MODEL.md.
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    authors TEXT,
    year INTEGER,
    kind TEXT NOT NULL DEFAULT 'text',
    language TEXT,
    rights TEXT,
    sha256 TEXT NOT NULL UNIQUE,
    filename TEXT,
    format TEXT NOT NULL,
    encoding TEXT,
    size INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);

CREATE TABLE passages (
    id TEXT PRIMARY KEY,
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('paragraph','heading','caption','note','quote')),
    text TEXT NOT NULL,
    page INTEGER,
    line INTEGER,
    markup TEXT NOT NULL DEFAULT '[]',
    note_label TEXT,
    note_for TEXT REFERENCES passages(id),
    UNIQUE (source_id, seq)
);

CREATE TABLE markers (
    passage_id TEXT NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    offset INTEGER NOT NULL,
    label TEXT NOT NULL,
    note_passage_id TEXT REFERENCES passages(id),
    PRIMARY KEY (passage_id, seq)
);

CREATE TABLE sentences (
    passage_id TEXT NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (passage_id, seq)
);

CREATE TABLE persons (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    cyrillic TEXT,
    gender TEXT,
    born TEXT,
    died TEXT,
    merged_into TEXT REFERENCES persons(id)
);

CREATE TABLE names (
    id INTEGER PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    form TEXT NOT NULL,
    script TEXT NOT NULL,
    system TEXT,
    key TEXT NOT NULL,
    UNIQUE (person_id, form)
);
CREATE INDEX names_key ON names(key);

CREATE TABLE bodies (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    region TEXT,
    parent TEXT REFERENCES bodies(id)
);

CREATE TABLE offices (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    body_id TEXT REFERENCES bodies(id),
    region TEXT
);

CREATE TABLE places (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT,
    modern_name TEXT,
    parent TEXT REFERENCES places(id)
);

CREATE TABLE operations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    "order" TEXT,
    launched TEXT,
    ended TEXT,
    target TEXT
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    number TEXT,
    date_from TEXT,
    date_to TEXT,
    date_precision TEXT,
    date_text TEXT,
    issuer TEXT REFERENCES bodies(id),
    title TEXT
);

-- Claims.  Each row is a claim made by a source: it has citations, a method
-- (extracted:<version>, curated:<user>, imported:<registry>), a status
-- (proposed -> accepted/rejected) and, for extraction, the rule that made it.
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    date_from TEXT,
    date_to TEXT,
    date_precision TEXT,
    date_text TEXT,
    date_anchor TEXT,
    office_id TEXT REFERENCES offices(id),
    operation_id TEXT REFERENCES operations(id),
    document_id TEXT REFERENCES documents(id),
    detail TEXT,
    status TEXT NOT NULL DEFAULT 'proposed',
    method TEXT NOT NULL,
    rule TEXT
);
CREATE INDEX events_date ON events(date_from);

CREATE TABLE participants (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('person','body','place')),
    entity_id TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (event_id, kind, entity_id, role)
);
CREATE INDEX participants_entity ON participants(kind, entity_id);

CREATE TABLE office_terms (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    office_id TEXT NOT NULL REFERENCES offices(id),
    start_from TEXT,
    start_to TEXT,
    start_text TEXT,
    end_from TEXT,
    end_to TEXT,
    end_text TEXT,
    status TEXT NOT NULL DEFAULT 'proposed',
    method TEXT NOT NULL,
    rule TEXT
);
CREATE INDEX office_terms_office ON office_terms(office_id);
CREATE INDEX office_terms_person ON office_terms(person_id);

CREATE TABLE figures (
    id TEXT PRIMARY KEY,
    value INTEGER NOT NULL,
    value_max INTEGER,
    qualifier TEXT NOT NULL DEFAULT 'exact',
    measure TEXT,
    what TEXT,
    scope_operation TEXT,
    scope_body TEXT,
    scope_region TEXT,
    scope_nationality TEXT,
    period_from TEXT,
    period_to TEXT,
    date_from TEXT,
    date_to TEXT,
    date_precision TEXT,
    date_text TEXT,
    status TEXT NOT NULL DEFAULT 'proposed',
    method TEXT NOT NULL,
    rule TEXT
);
CREATE INDEX figures_measure ON figures(measure);

CREATE TABLE relations (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    from_person TEXT NOT NULL REFERENCES persons(id),
    to_person TEXT NOT NULL REFERENCES persons(id),
    status TEXT NOT NULL DEFAULT 'proposed',
    method TEXT NOT NULL,
    rule TEXT
);

-- Where a claim stands: the exact span of a passage, and the notes governing it.
CREATE TABLE citations (
    id INTEGER PRIMARY KEY,
    claim_kind TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    passage_id TEXT REFERENCES passages(id) ON DELETE CASCADE,
    start INTEGER,
    "end" INTEGER,
    quote TEXT,
    notes TEXT NOT NULL DEFAULT '[]',
    page INTEGER,
    locator TEXT
);
CREATE INDEX citations_claim ON citations(claim_kind, claim_id);
CREATE INDEX citations_passage ON citations(passage_id);

-- Two claims about the same subject with incompatible values: both kept, linked.
CREATE TABLE conflicts (
    claim_kind TEXT NOT NULL,
    a_id TEXT NOT NULL,
    b_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (claim_kind, a_id, b_id)
);

-- Every change a person makes to a claim: who, when, before, after.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    claim_kind TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT
);

-- Registries of records (MODEL.md "Registry records") and their name keys.
-- One imported file.  key_scheme names the name-key function the keys were made
-- with: keys of one scheme cannot be searched with another.
CREATE TABLE registries (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    filename TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    format TEXT NOT NULL,
    encoding TEXT NOT NULL,
    size INTEGER NOT NULL,
    key_scheme TEXT NOT NULL,
    records INTEGER NOT NULL,
    rejects INTEGER NOT NULL,
    imported_at TEXT NOT NULL
);

-- One row of a registry: normalised fields, and raw (the row as written, JSON).
-- Dates are ISO partial strings ('1938', '1938-05', '1938-05-17').  variants: other
-- spellings of the name the registry gives, JSON [[surname, name, patronymic], ...].
CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    registry_id INTEGER NOT NULL REFERENCES registries(id),
    source_row INTEGER NOT NULL,
    cluster_id TEXT,
    surname TEXT,
    name TEXT,
    patronymic TEXT,
    birth_year INTEGER,
    birth_place TEXT,
    nationality TEXT,
    occupation TEXT,
    live_place TEXT,
    party TEXT,
    arrest_date TEXT,
    arrest_organ TEXT,
    judicial_organ TEXT,
    process_date TEXT,
    criminal_article TEXT,
    sentence TEXT,
    was_executed INTEGER,
    death_date TEXT,
    death_place TEXT,
    burial_place TEXT,
    rehabilitation_date TEXT,
    rehabilitation_organ TEXT,
    memory_book TEXT,
    variants TEXT,
    raw TEXT NOT NULL
);

-- Every spelling of a record's name (as listed, and the variants a registry gives)
-- as romanisation-insensitive keys, '' for a missing part, a trailing '.' for an
-- initial.  The primary key is the search index and covers it.
CREATE TABLE record_names (
    surname_key TEXT NOT NULL,
    name_key TEXT NOT NULL,
    patronymic_key TEXT NOT NULL,
    record_id INTEGER NOT NULL REFERENCES records(id),
    PRIMARY KEY (surname_key, name_key, patronymic_key, record_id)
) WITHOUT ROWID;

-- The distinct surname keys, for fuzzy search: candidates share a key prefix or a
-- consonant skeleton prefix with the query.
CREATE TABLE surname_keys (
    key TEXT PRIMARY KEY,
    skeleton TEXT NOT NULL,
    records INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX surname_keys_skeleton ON surname_keys(skeleton);

-- The distinct keys of names and patronymics, for matching initials and near spellings.
CREATE TABLE given_keys (
    key TEXT PRIMARY KEY
) WITHOUT ROWID;

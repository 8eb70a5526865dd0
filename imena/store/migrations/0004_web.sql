-- The web application: curators' accounts, their login sessions, and review.
-- Accounts are created with `imena user add`, and the password is kept only as an argon2
-- hash.  role is 'curator' (may review claims), the vocabulary lives in imena/web/auth.py.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'curator',
    created_at TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);

-- A login session.  Only the SHA-256 of the cookie's token is stored, so a copy of
-- the database does not hand out live sessions, and csrf is the token forms must echo.
CREATE TABLE web_sessions (
    token_sha256 TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX web_sessions_expires ON web_sessions(expires_at);

-- The audit trail (table `audit`, migration 0001) is read per claim and newest first.
CREATE INDEX IF NOT EXISTS web_audit_claim ON audit(claim_kind, claim_id);
CREATE INDEX IF NOT EXISTS web_audit_at ON audit(at);

-- Review queues list claims by status.  Prefixed web_ so that no other migration's
-- index can collide with these.
CREATE INDEX IF NOT EXISTS web_events_status ON events(status);
CREATE INDEX IF NOT EXISTS web_office_terms_status ON office_terms(status);
CREATE INDEX IF NOT EXISTS web_figures_status ON figures(status);
CREATE INDEX IF NOT EXISTS web_relations_status ON relations(status);
CREATE INDEX IF NOT EXISTS web_relations_from ON relations(from_person);
CREATE INDEX IF NOT EXISTS web_relations_to ON relations(to_person);
CREATE INDEX IF NOT EXISTS web_names_person ON names(person_id);

-- Person pages list a person's events by date: the event ids straight from the index,
-- and each event's date without a visit to the table.
CREATE INDEX IF NOT EXISTS web_participants_entity_event ON participants(kind, entity_id, event_id);
CREATE INDEX IF NOT EXISTS web_events_id_date ON events(id, date_from);

-- Participants of kind 'group' (MODEL.md): a people, nationality, party, movement or
-- army that acts or is acted upon ("the Chechens were deported") but is no organisation
-- with offices.  SQLite cannot change a CHECK constraint, so the table is rebuilt.
CREATE TABLE participants_new (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('person','body','place','group')),
    entity_id TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (event_id, kind, entity_id, role)
);
INSERT INTO participants_new (event_id, kind, entity_id, role)
    SELECT event_id, kind, entity_id, role FROM participants;
DROP TABLE participants;
ALTER TABLE participants_new RENAME TO participants;
CREATE INDEX participants_entity ON participants(kind, entity_id);
CREATE INDEX web_participants_entity_event ON participants(kind, entity_id, event_id);

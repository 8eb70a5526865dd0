-- Registry deduplication (issue 7): runs of the linkage model, the pairs it scored, and
-- curators' decisions.  records.cluster_id (0002) holds each record's cluster: a stable id
-- made from the oldest member's registry sha256 and source row (imena.registry.clusters).

-- One run of `registry dedupe`: what was run, with which settings, and what came of it.
-- model is the Splink settings with the parameters used (JSON), so a run can be explained.
CREATE TABLE dedupe_runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    engine TEXT NOT NULL,
    threshold REAL NOT NULL,
    review_low REAL NOT NULL,
    review_high REAL NOT NULL,
    key_scheme TEXT NOT NULL,
    records INTEGER NOT NULL,
    pairs INTEGER NOT NULL,
    clusters INTEGER NOT NULL,
    model TEXT NOT NULL
);

-- The pairs the latest run scored at or above its review_low, record_a < record_b.
-- Clusters are rebuilt from these and the decisions without running the model again,
-- so that a curator's decision takes effect at once.
CREATE TABLE dedupe_pairs (
    record_a INTEGER NOT NULL REFERENCES records(id),
    record_b INTEGER NOT NULL REFERENCES records(id),
    probability REAL NOT NULL,
    match_weight REAL NOT NULL,
    run_id INTEGER NOT NULL REFERENCES dedupe_runs(id),
    PRIMARY KEY (record_a, record_b)
) WITHOUT ROWID;
CREATE INDEX dedupe_pairs_probability ON dedupe_pairs(probability);

-- A curator's decision on a pair, record_a < record_b: 'accept' (always linked) or
-- 'reject' (never in one cluster).  Kept across runs and imports; the latest wins.
CREATE TABLE dedupe_decisions (
    record_a INTEGER NOT NULL REFERENCES records(id),
    record_b INTEGER NOT NULL REFERENCES records(id),
    decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject')),
    curator TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    note TEXT,
    PRIMARY KEY (record_a, record_b)
) WITHOUT ROWID;

CREATE INDEX records_cluster ON records(cluster_id);

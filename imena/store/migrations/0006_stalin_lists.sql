-- Stalin's lists (Memorial, stalin.memo.ru): the archival documents, their regional
-- sections and the signatures on them, as imported by imena/lists.  The claims they
-- support (decision events, office terms, figures) live in the claim tables of 0001 and
-- cite the archive through citations.locator.  Vocabularies are documented in
-- imena/lists/: date_basis and date_flag in dates.py, role and status in signers.py.

-- One archival document of the collection: a list of people (is_list = 1) or a cover
-- note or inventory (is_list = 0).  list_id is Memorial's listid.  date_* is the date the
-- document carries (datetext is the truth), adate is Memorial's own dating as given.
CREATE TABLE stalin_lists (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    list_id INTEGER NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id),
    event_id TEXT REFERENCES events(id),
    is_list INTEGER NOT NULL,
    volume INTEGER,
    number INTEGER,
    archive TEXT NOT NULL,
    fond TEXT,
    opis TEXT,
    delo TEXT,
    delo_number TEXT,
    delo_title TEXT,
    page_first INTEGER,
    page_last INTEGER,
    locator TEXT NOT NULL,
    title TEXT,
    date_text TEXT,
    adate TEXT,
    date_from TEXT,
    date_to TEXT,
    date_precision TEXT,
    date_basis TEXT,
    date_flag TEXT,
    submitter_text TEXT,
    resolution TEXT,
    remark TEXT,
    PRIMARY KEY (source_id, list_id)
);
CREATE INDEX stalin_lists_date ON stalin_lists(date_from);
CREATE INDEX stalin_lists_event ON stalin_lists(event_id);

-- One regional section of a list (Memorial's sublists.csv): people per sentence category
-- (category 1 shooting, 2 and 3 terms of camp), the region as written and normalised.
CREATE TABLE stalin_list_sections (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    section_id INTEGER NOT NULL,
    list_id INTEGER NOT NULL,
    number INTEGER,
    title TEXT,
    region TEXT,
    region_en TEXT,
    date_text TEXT,
    date_from TEXT,
    date_to TEXT,
    date_precision TEXT,
    date_flag TEXT,
    category_1 INTEGER NOT NULL DEFAULT 0,
    category_2 INTEGER NOT NULL DEFAULT 0,
    category_3 INTEGER NOT NULL DEFAULT 0,
    signer_text TEXT,
    resolution_text TEXT,
    classification TEXT,
    PRIMARY KEY (source_id, section_id),
    FOREIGN KEY (source_id, list_id) REFERENCES stalin_lists(source_id, list_id)
);
CREATE INDEX stalin_list_sections_list ON stalin_list_sections(source_id, list_id);
CREATE INDEX stalin_list_sections_region ON stalin_list_sections(region);
CREATE INDEX stalin_list_sections_date ON stalin_list_sections(date_from);

-- Who signed a list: the NKVD official(s) who submitted it (role submitter) and the
-- Politburo members whose signature the collection records (role signer).  post_text and
-- rank_text are as written, office_ids (JSON) and rank their English canonical forms.
CREATE TABLE stalin_list_signatures (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    list_id INTEGER NOT NULL,
    person_id TEXT NOT NULL REFERENCES persons(id),
    role TEXT NOT NULL,
    as_written TEXT NOT NULL,
    post_text TEXT,
    office_ids TEXT NOT NULL DEFAULT '[]',
    rank_text TEXT,
    rank TEXT,
    status TEXT NOT NULL,
    PRIMARY KEY (source_id, list_id, person_id, role),
    FOREIGN KEY (source_id, list_id) REFERENCES stalin_lists(source_id, list_id)
);
CREATE INDEX stalin_list_signatures_person ON stalin_list_signatures(person_id);

-- Russian phrasings of posts met in the lists and the canonical office each resolves to
-- (the same office the English chapter's phrasing resolves to), so that a search for
-- "8 отд. ГУГБ" finds "chief of the NKVD Registration Department".
CREATE TABLE stalin_list_office_phrases (
    phrase TEXT NOT NULL,
    office_id TEXT NOT NULL REFERENCES offices(id),
    PRIMARY KEY (phrase, office_id)
);

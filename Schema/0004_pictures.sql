-- mlib library schema, version 4: pictures. Segments gain three fields — `ocr` (text
-- read off pixels), `colour` (dominant colour names) and `picture` (an image or a
-- sampled video frame, which picture models embed) — and the word index gains the
-- two text ones as columns of their own, so bm25 can weigh them.
--
-- SQLite cannot change a CHECK constraint in place: the segments table is rebuilt
-- with the same ids (foreign keys are off while migrations run). The word index is
-- contentless, so it is created anew here and refilled from the segments by the
-- binary (SchemaMigrations' follow-up for this migration), the one place that builds
-- its rows.

CREATE TABLE segments_v4 (
    id       INTEGER PRIMARY KEY,
    item_id  INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    ordinal  INTEGER NOT NULL,
    field    TEXT    NOT NULL CHECK (field IN ('title', 'body', 'keywords', 'subtitle', 'name', 'metadata', 'ocr', 'colour', 'picture')),
    modality TEXT    NOT NULL CHECK (modality IN ('text', 'image', 'frame')),
    text     TEXT    NOT NULL,
    start    REAL,
    "end"    REAL,
    UNIQUE (item_id, ordinal)
);
INSERT INTO segments_v4 (id, item_id, ordinal, field, modality, text, start, "end")
    SELECT id, item_id, ordinal, field, modality, text, start, "end" FROM segments;
DROP TABLE segments;
ALTER TABLE segments_v4 RENAME TO segments;

-- Picture segments waiting for a picture model are found by field.
CREATE INDEX segments_pictures ON segments (field, item_id) WHERE field = 'picture';

DROP TABLE item_fts;
CREATE VIRTUAL TABLE item_fts USING fts5 (
    title, body, keywords, subtitle, name, metadata, ocr, colour,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);

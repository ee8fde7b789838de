-- mlib library schema, version 1: items, their evidence segments, failures, and the
-- full-text indexes. Applied by the binary (GRDB DatabaseMigrator) when a library
-- is opened; never edit a released migration, add the next numbered file instead.

-- Facts about the library file itself (created_at, the mlib version that made it).
CREATE TABLE library_info (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per file. `path` holds the raw bytes of the absolute path (Linux names
-- need not be UTF-8); `path_text` is its UTF-8 rendering for people and queries.
CREATE TABLE items (
    id           INTEGER PRIMARY KEY,
    path         BLOB    NOT NULL UNIQUE,
    path_text    TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('indexed', 'failed')),
    kind         TEXT             CHECK (kind IN ('text', 'image', 'video')),
    mime         TEXT,
    title        TEXT,
    duration     REAL,
    size         INTEGER NOT NULL,
    mtime_ns     INTEGER NOT NULL,
    inode        INTEGER NOT NULL,
    device       INTEGER NOT NULL,
    -- Hex SHA-256 of the content (sampled for very large files): a moved file is
    -- recognised by it and keeps its id.
    content_hash TEXT,
    -- Everything the extractor learned, as a JSON object.
    metadata     TEXT    NOT NULL DEFAULT '{}',
    indexed_at   TEXT    NOT NULL
);
CREATE INDEX items_content_hash ON items (content_hash);
CREATE INDEX items_kind ON items (kind, status);

-- Evidence inside an item: passages, captions, subtitle cues (with times), names.
CREATE TABLE segments (
    id       INTEGER PRIMARY KEY,
    item_id  INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    ordinal  INTEGER NOT NULL,
    field    TEXT    NOT NULL CHECK (field IN ('title', 'body', 'keywords', 'subtitle', 'name', 'metadata')),
    modality TEXT    NOT NULL CHECK (modality IN ('text', 'image', 'frame')),
    text     TEXT    NOT NULL,
    start    REAL,
    "end"    REAL,
    UNIQUE (item_id, ordinal)
);

-- Why a file could not be indexed, one line a person can act on.
CREATE TABLE failures (
    item_id   INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
    code      TEXT NOT NULL,
    reason    TEXT NOT NULL,
    failed_at TEXT NOT NULL
);

-- Word index: one row per indexed item (rowid = items.id), one column per evidence
-- field so bm25 can weigh a title above a body. It keeps no copy of the text
-- (content = ''): segments hold it once, and a row is removed by handing back the
-- values it was given (FTS5's 'delete' command), built from those segments.
CREATE VIRTUAL TABLE item_fts USING fts5 (
    title, body, keywords, subtitle, name, metadata,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Substring index for scripts written without spaces (Chinese, Japanese): holds only
-- the CJK runs of an item's text, so it stays small. Runs of three or more
-- characters match through trigrams; shorter words through a scan of the same table.
CREATE VIRTUAL TABLE item_cjk USING fts5 (
    text,
    tokenize = 'trigram'
);

-- mlib library schema, version 2: sentence embeddings of segments, and a cache so the
-- same text is never embedded twice by the same model.

-- One vector per embedded window of a segment and model. Long passages are embedded
-- in overlapping windows that fit the model; `window` counts them from 0. Vectors are
-- L2-normalised float32, little-endian, `dimension` values.
CREATE TABLE embeddings (
    segment_id INTEGER NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
    model      TEXT    NOT NULL,
    window     INTEGER NOT NULL DEFAULT 0,
    dimension  INTEGER NOT NULL,
    vector     BLOB    NOT NULL,
    PRIMARY KEY (segment_id, model, window)
) WITHOUT ROWID;
CREATE INDEX embeddings_model ON embeddings (model);

-- Vectors by the SHA-256 of the exact text embedded and the model that embedded it.
CREATE TABLE embedding_cache (
    text_hash BLOB    NOT NULL,
    model     TEXT    NOT NULL,
    dimension INTEGER NOT NULL,
    vector    BLOB    NOT NULL,
    PRIMARY KEY (text_hash, model)
) WITHOUT ROWID;

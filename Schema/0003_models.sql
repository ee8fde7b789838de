-- mlib library schema, version 3: models as rows, vectors keyed by model id, stored
-- once per distinct text (the cache is the vectors' only home), and a generation
-- counter per model that changes with every change to its vectors, so a process
-- holding a scan-ready copy (the vector store beside the library) knows when it is stale.

-- Every model that has embedded anything here, known by fingerprint (configuration
-- and weights header), not by folder name.
CREATE TABLE models (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL UNIQUE,
    family      TEXT    NOT NULL,
    tower       TEXT    NOT NULL,
    -- Models whose vectors compare with each other share a space.
    space       TEXT    NOT NULL,
    dimension   INTEGER NOT NULL CHECK (dimension > 0),
    -- Where the model was last found, a hint for finding it again.
    folder      TEXT,
    -- Bumped (by the triggers below) whenever a vector of this model is added or removed.
    generation  INTEGER NOT NULL DEFAULT 0,
    added_at    TEXT    NOT NULL
);

-- Which model serves which role (text; picture and picture-query later).
CREATE TABLE model_roles (
    role     TEXT    PRIMARY KEY NOT NULL,
    model_id INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE
);

-- One vector per distinct text (or picture) a model embedded: L2-normalised float32,
-- little-endian, never rewritten in place. `content_hash` is the SHA-256 of what was embedded, so the same text
-- (or a query typed before) is never embedded twice; NULL for vectors carried over
-- from schema 2, which kept no hash per passage.
CREATE TABLE vectors (
    id           INTEGER PRIMARY KEY,
    model_id     INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    content_hash BLOB,
    vector       BLOB    NOT NULL,
    UNIQUE (model_id, content_hash)
);

-- Which vector each embedded window of a segment has, per model. The id only grows
-- (AUTOINCREMENT), so a vector store can tell rows added since it was built.
CREATE TABLE segment_vectors (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    segment_id INTEGER NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
    model_id   INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    window     INTEGER NOT NULL DEFAULT 0,
    -- A damaged vector is deleted, and with it the rows using it: their segments are
    -- then embedded again by the next pass.
    vector_id  INTEGER NOT NULL REFERENCES vectors (id) ON DELETE CASCADE,
    UNIQUE (segment_id, model_id, window)
);
CREATE INDEX segment_vectors_model ON segment_vectors (model_id, id);
CREATE INDEX segment_vectors_vector ON segment_vectors (vector_id);

CREATE TRIGGER segment_vectors_added AFTER INSERT ON segment_vectors BEGIN
    UPDATE models SET generation = generation + 1 WHERE id = NEW.model_id;
END;
CREATE TRIGGER segment_vectors_removed AFTER DELETE ON segment_vectors BEGIN
    UPDATE models SET generation = generation + 1 WHERE id = OLD.model_id;
END;
CREATE TRIGGER segment_vectors_changed AFTER UPDATE ON segment_vectors BEGIN
    UPDATE models SET generation = generation + 1 WHERE id IN (OLD.model_id, NEW.model_id);
END;

-- Schema 2's vectors, keyed by model name: each name becomes a model row whose
-- fingerprint is not known yet ('legacy:' + name); the first process that finds the
-- folder of that name adopts the row with its real fingerprint.
INSERT INTO models (name, fingerprint, family, tower, space, dimension, added_at)
SELECT model, 'legacy:' || model, 'unknown', 'text', 'legacy:' || model, max(dimension), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM embeddings GROUP BY model;

INSERT INTO vectors (model_id, content_hash, vector)
SELECT m.id, NULL, e.vector FROM embeddings e JOIN models m ON m.fingerprint = 'legacy:' || e.model
ORDER BY e.model, e.segment_id, e.window;

-- The vectors were inserted in the same order, so the n-th vector of a model belongs
-- to the n-th (segment, window) of that model.
INSERT INTO segment_vectors (segment_id, model_id, window, vector_id)
SELECT e.segment_id, m.id, e.window,
       (SELECT min(v.id) FROM vectors v WHERE v.model_id = m.id)
         + (row_number() OVER (PARTITION BY e.model ORDER BY e.segment_id, e.window)) - 1
FROM embeddings e JOIN models m ON m.fingerprint = 'legacy:' || e.model
ORDER BY e.model, e.segment_id, e.window;

-- The text role goes to the model with the most vectors.
INSERT INTO model_roles (role, model_id)
SELECT 'text', model_id FROM segment_vectors GROUP BY model_id ORDER BY count(*) DESC LIMIT 1;

DROP TABLE embeddings;
DROP TABLE embedding_cache;

-- A library's own identity, so a vector store built for one library file is never
-- taken for another's.
INSERT OR IGNORE INTO library_info (key, value) VALUES ('library_id', lower(hex(randomblob(16))));

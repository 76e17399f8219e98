-- Every document received, as received, with its verdict.
CREATE TABLE documents (
    -- The order of receipt: the cursor of `GET /api/documents`.
    id INTEGER PRIMARY KEY,
    -- When the request arrived: microseconds since 1970-01-01T00:00:00Z.
    received_at INTEGER NOT NULL,
    -- The path it was sent to (`/v1/http`, `/validate/hasura/server-telemetry`, ...).
    endpoint TEXT NOT NULL,
    -- The payload kind it was judged as; NULL when no single kind could be told.
    kind TEXT,
    -- The schema version (era) of that kind.
    version TEXT,
    -- 1 when valid, 0 otherwise.
    valid INTEGER NOT NULL,
    -- The verdict, as `validate --format json` prints it (without `file`).
    verdict TEXT NOT NULL,
    -- The bytes as received: the request body, or its line for NDJSON.
    body BLOB NOT NULL
);
CREATE INDEX documents_kind ON documents (kind, valid);
CREATE INDEX documents_received_at ON documents (received_at);

-- The violations of each document's verdict (the ones its report keeps), by rule.
CREATE TABLE violations (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    pointer TEXT NOT NULL
);
CREATE INDEX violations_rule ON violations (rule, document_id);
CREATE INDEX violations_document ON violations (document_id);

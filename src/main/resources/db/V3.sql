-- V3: the lists as one document (see store/ListSnapshot), so that a start reads one BLOB instead of a million rows, then
-- replays the audit rows after audit_id. One row, id = 1. A copy only: list_entry stays the truth, and a snapshot that
-- cannot be read is ignored. Idempotent.
CREATE TABLE IF NOT EXISTS list_snapshot (
    id             INT          PRIMARY KEY,
    audit_id       BIGINT       NOT NULL,
    taken_millis   BIGINT       NOT NULL,
    entries        INT          NOT NULL,
    format         INT          NOT NULL,
    data           BLOB         NOT NULL
);

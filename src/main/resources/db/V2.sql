-- V2: the last copy fetched from each wiki of what the bot reads from its API (interface messages, siteinfo),
-- so that a wiki that cannot be reached at start keeps working with what was known. Idempotent.
CREATE TABLE IF NOT EXISTS wiki_cache (
    wiki           VARCHAR(255) NOT NULL,
    kind           VARCHAR(32)  NOT NULL,
    content        CLOB         NOT NULL,
    fetched_millis BIGINT       NOT NULL,
    PRIMARY KEY (wiki, kind)
);

-- V4: the webhooks and their queues (hook/), and the reports' hourly counters (report/ActivityStore). Until this
-- migration their stores created these tables themselves at start, so a database made by an earlier version may hold
-- them already, with rows: every statement is IF NOT EXISTS, the same definitions, and nothing is dropped.
CREATE TABLE IF NOT EXISTS hook (
    name           VARCHAR(32)   PRIMARY KEY,
    url            VARCHAR(2048) NOT NULL,
    format         VARCHAR(16)   NOT NULL
);

-- One queued alert a row; id is the delivery order.
CREATE TABLE IF NOT EXISTS hook_queue (
    id             BIGINT        AUTO_INCREMENT PRIMARY KEY,
    hook           VARCHAR(32)   NOT NULL,
    created_millis BIGINT        NOT NULL,
    body           CLOB          NOT NULL
);
CREATE INDEX IF NOT EXISTS hook_queue_by_hook ON hook_queue(hook, id);

-- (hour, wiki, kind, name) -> n; see report/ActivityStore for the kinds.
CREATE TABLE IF NOT EXISTS activity (
    hour_millis    BIGINT        NOT NULL,
    wiki           VARCHAR(64)   NOT NULL,
    kind           VARCHAR(16)   NOT NULL,
    name           VARCHAR(255)  NOT NULL,
    n              BIGINT        NOT NULL,
    PRIMARY KEY (hour_millis, wiki, kind, name)
);

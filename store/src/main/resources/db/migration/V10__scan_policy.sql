-- Per tenant: what the virus scan does when it finds something or cannot scan. A tenant without a
-- row has the default: fail closed, tell the sender, alert nobody.

CREATE TABLE tenant_scan_policy (
    tenant_id        BIGINT        PRIMARY KEY REFERENCES tenant (id) ON DELETE CASCADE,
    fail_open        BOOLEAN       NOT NULL DEFAULT FALSE,
    notify_sender    BOOLEAN       NOT NULL DEFAULT TRUE,
    alert_recipients VARCHAR(4000) NOT NULL DEFAULT ''   -- addresses, one per line
);

-- Per tenant: its own wording of the notices the Messenger sends to recipients of protected mail.
-- One row per notice (activation, new-message) and language (DE, EN); an empty subject or body, or
-- no row at all, means the built-in text.

CREATE TABLE tenant_notice_template (
    tenant_id BIGINT        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    kind      VARCHAR(20)   NOT NULL,
    language  VARCHAR(2)    NOT NULL,
    subject   VARCHAR(200)  NOT NULL DEFAULT '',
    body      VARCHAR(5000) NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, kind, language)
);

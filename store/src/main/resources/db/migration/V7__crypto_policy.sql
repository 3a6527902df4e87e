-- The encryption policy of each tenant (issue 4): rules per tenant, sender domain, sender,
-- recipient domain and recipient (the most specific rule that sets a value wins), and the
-- tenant's triggers and marking options. A NULL setting leaves it to a less specific rule.
-- Portable SQL for H2 and PostgreSQL.

CREATE TABLE crypto_policy_rule (
    tenant_id  BIGINT       NOT NULL REFERENCES tenant (id),
    rule_level VARCHAR(16)  NOT NULL,                -- RuleLevel
    rule_match VARCHAR(320) NOT NULL,                -- address or domain, lower case; '' for TENANT
    encryption VARCHAR(16),                          -- EncryptionMode
    signing    BOOLEAN,
    format     VARCHAR(8),                           -- SecureFormat
    PRIMARY KEY (tenant_id, rule_level, rule_match)
);

CREATE TABLE crypto_settings (
    tenant_id        BIGINT       PRIMARY KEY REFERENCES tenant (id),
    subject_trigger  VARCHAR(100) NOT NULL,
    header_trigger   VARCHAR(100) NOT NULL,
    signature_header BOOLEAN      NOT NULL,
    subject_tag      BOOLEAN      NOT NULL,
    subject_tag_text VARCHAR(100) NOT NULL
);

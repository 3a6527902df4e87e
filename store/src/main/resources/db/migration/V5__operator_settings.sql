-- Gateway-wide settings the operator keeps. Exactly one row: the CHECK keeps it so, the INSERT
-- below creates it, and the application only ever updates it.

CREATE TABLE operator_settings (
    id                    INT          PRIMARY KEY CHECK (id = 1),
    current_terms_version VARCHAR(32),                              -- NULL: no terms required
    support_name          VARCHAR(200) NOT NULL DEFAULT '',
    support_email         VARCHAR(320) NOT NULL DEFAULT '',
    support_phone         VARCHAR(64)  NOT NULL DEFAULT '',
    default_cluster       VARCHAR(63)  REFERENCES gateway_cluster (name)
);

INSERT INTO operator_settings (id) VALUES (1);

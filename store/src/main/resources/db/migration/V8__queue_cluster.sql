-- Each queued mail belongs to the gateway cluster whose nodes work it (docs/cluster.md). The cluster
-- is decided when the mail is accepted and copied onto its recipients, so every claim stays one
-- indexed query on one table. cluster_domain names the tenant domain that decided (NULL: none), so
-- queued mail follows when an operator moves that domain to another cluster.

ALTER TABLE queued_message ADD COLUMN cluster VARCHAR(63);
ALTER TABLE queued_message ADD COLUMN cluster_domain VARCHAR(253);
ALTER TABLE queued_recipient ADD COLUMN cluster VARCHAR(63);

-- Mail queued before this version goes to the default cluster, or to 'default' (the node setting's default).
UPDATE queued_message SET cluster = COALESCE((SELECT default_cluster FROM operator_settings WHERE id = 1), 'default');
UPDATE queued_recipient SET cluster = (SELECT m.cluster FROM queued_message m WHERE m.id = queued_recipient.message_id);

ALTER TABLE queued_message ALTER COLUMN cluster SET NOT NULL;
ALTER TABLE queued_recipient ALTER COLUMN cluster SET NOT NULL;

CREATE INDEX queued_message_cluster_due ON queued_message (cluster, state, next_attempt_at);
CREATE INDEX queued_recipient_cluster_due ON queued_recipient (cluster, state, next_attempt_at);
CREATE INDEX queued_recipient_cluster_bounce ON queued_recipient (cluster, bounce_state, updated_at);
CREATE INDEX queued_message_cluster_domain ON queued_message (cluster_domain);

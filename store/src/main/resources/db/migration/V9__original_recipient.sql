-- The address a client named in RCPT TO, where the gateway queued the mail for another one (a
-- De-Mail address rewritten to the internal mailbox it stands for). NULL when not rewritten.
-- Bounces name this address, so a sender never learns the internal one.
ALTER TABLE queued_recipient ADD COLUMN original_address VARCHAR(320);

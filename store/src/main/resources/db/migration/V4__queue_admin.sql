-- The administrator's queue list shows the newest mail first, one page at a time. Without this
-- index every page would sort the whole queue, including the finished mail kept until it is purged.
CREATE INDEX queued_message_received ON queued_message (received_at, id);

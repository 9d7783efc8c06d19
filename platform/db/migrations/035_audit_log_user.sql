-- Who was active lately, per user: the unattended-task check asks whether anyone of a role used
-- Doorzet in the last day, and the audit log (every signed-in call) is the record of that.
CREATE INDEX audit_log_user_time ON audit_log (user_id, occurred_at);

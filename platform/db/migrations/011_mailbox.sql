-- What the embedded SMTP server received (local runs and tests): the proof of what
-- really went out over SMTP. Unused when SMTP_URL points at a real mail server.
CREATE TABLE mailbox (
  id BIGSERIAL PRIMARY KEY,
  received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  message_id TEXT,
  mail_from TEXT NOT NULL,
  rcpt_to TEXT[] NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  -- [{ filename, contentType, content (UTF-8 text or base64 for binary) , encoding }]
  attachments JSONB NOT NULL DEFAULT '[]',
  raw_size INT NOT NULL
);
CREATE INDEX mailbox_rcpt ON mailbox USING GIN (rcpt_to);

-- Local accounts (the embedded default) and accounts that sign in through OpenID Connect.
-- A user acts in a region through memberships; roles are the region's `roles[].id`.
CREATE TABLE app_user (
  id UUID PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  email TEXT,
  -- scrypt$N$r$p$salt$hash; NULL for accounts that only sign in through OIDC.
  password_hash TEXT,
  oidc_subject TEXT UNIQUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE membership (
  user_id UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  region_id TEXT NOT NULL REFERENCES region (id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, region_id, role)
);

-- Only the SHA-256 of the session token is stored, so a copy of this table gives no sessions.
CREATE TABLE app_session (
  token_hash TEXT PRIMARY KEY,
  user_id UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX app_session_expiry ON app_session (expires_at);

-- Failed logins per username+address, shared by every API process (rate limit).
CREATE TABLE login_attempt (
  key TEXT NOT NULL,
  at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX login_attempt_key ON login_attempt (key, at);

-- OpenID Connect authorisation requests in flight: state, nonce and PKCE verifier.
CREATE TABLE oidc_login (
  state TEXT PRIMARY KEY,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

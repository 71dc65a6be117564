-- Identity (issue 3): a password set by an administrator's reset is temporary. Until the user chooses their
-- own, the account can do nothing but change it (src/auth/request-hooks.ts), and the temporary one stops
-- working a few days after it was set (src/auth/sign-in.ts).
ALTER TABLE user_account ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

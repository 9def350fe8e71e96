/* valid-accounts.c: the checks both backends make on a clinic account, an invitation,
 * a login session or a throttle key before writing it (valid.h). The app layer's
 * rules (app/accounts.c, app/login.c) are stricter; these keep a row the store could
 * not read back sensibly out of it. */
#include "store/valid.h"
#include <string.h>

static bool length_between(const char *s, size_t lo, size_t hi)
{
	size_t n = s ? strlen(s) : 0;
	return n >= lo && n <= hi;
}

int valid_account(const struct account_row *row, struct strbuf *err)
{
	if ((unsigned)row->role > ROLE_CLIENT)
		return store_fail(err, "invalid account: role %d", (int)row->role);
	if (!length_between(row->login, 1, 64))
		return store_fail(err, "invalid account: a login name has 1 to 64 bytes");
	if (!length_between(row->display_name, 1, 200))
		return store_fail(err, "invalid account: a name has 1 to 200 bytes");
	if (!row->password_hash || strncmp(row->password_hash, "$argon2id$", 10) || strlen(row->password_hash) > 255)
		return store_fail(err, "invalid account: the password hash is not an argon2id string");
	if (row->disabled_ms < 0)
		return store_fail(err, "invalid account: disabled time %lld", (long long)row->disabled_ms);
	return 0;
}

int valid_invite(const struct invite_row *row, struct strbuf *err)
{
	if (row->trainer_id <= STORE_LOCAL_PERSON)
		return store_fail(err, "invalid invitation: trainer %lld", (long long)row->trainer_id);
	if (!length_between(row->token_hash, 16, 128) ||
	    strspn(row->token_hash, "0123456789abcdef") != strlen(row->token_hash))
		return store_fail(err, "invalid invitation: the token's hash is not 16 to 128 hex digits");
	if (!length_between(row->display_name, 1, 200))
		return store_fail(err, "invalid invitation: a name has 1 to 200 bytes");
	if (row->expires_ms <= row->created_ms)
		return store_fail(err, "invalid invitation: it expires before it is made");
	return 0;
}

int valid_id_hash(const char *hash, struct strbuf *err)
{
	if (!length_between(hash, 16, 128) || strspn(hash, "0123456789abcdef") != strlen(hash))
		return store_fail(err, "invalid login session: its hash is not 16 to 128 hex digits");
	return 0;
}

int valid_login(const struct login_row *row, struct strbuf *err)
{
	if (valid_id_hash(row->id_hash, err))
		return -1;
	if (row->account_id <= STORE_LOCAL_PERSON)
		return store_fail(err, "invalid login session: account %lld", (long long)row->account_id);
	if (row->seen_ms < row->created_ms)
		return store_fail(err, "invalid login session: seen before it was made");
	return 0;
}

int valid_totp(const struct totp_row *row, struct strbuf *err)
{
	size_t n = strnlen(row->secret, sizeof(row->secret));
	if (row->account_id <= STORE_LOCAL_PERSON)
		return store_fail(err, "invalid second factor: account %lld", (long long)row->account_id);
	if (n < 20 || n > STORE_TOTP_SECRET_HEX || n % 2 || strspn(row->secret, "0123456789abcdef") != n)
		return store_fail(err, "invalid second factor: the secret is 20 to %d hex digits (small letters)",
				  STORE_TOTP_SECRET_HEX);
	if (row->confirmed_ms < 0 || row->last_step < 0)
		return store_fail(err, "invalid second factor: a time before 1970");
	return 0;
}

int valid_recovery(int64_t account, const char *const *hashes, size_t n, struct strbuf *err)
{
	if (account <= STORE_LOCAL_PERSON)
		return store_fail(err, "invalid recovery codes: account %lld", (long long)account);
	for (size_t i = 0; i < n; i++)
		if (!hashes[i] || strlen(hashes[i]) != STORE_RECOVERY_HASH_HEX ||
		    strspn(hashes[i], "0123456789abcdef") != STORE_RECOVERY_HASH_HEX)
			return store_fail(err, "invalid recovery codes: code %zu's digest is not %d hex digits (small letters)",
					  i + 1, STORE_RECOVERY_HASH_HEX);
	return 0;
}

int valid_dash_kept(const char *key, const struct dash_kept *rows, size_t n, struct strbuf *err)
{
	if (!length_between(key, 1, STORE_DASH_KEY_MAX))
		return store_fail(err, "invalid dashboard key: it has 1 to %d bytes", STORE_DASH_KEY_MAX);
	for (size_t i = 0; i < n; i++)
		if (rows[i].id <= STORE_LOCAL_PERSON || !rows[i].text || !length_between(rows[i].text, 1, STORE_DASH_KEPT_MAX))
			return store_fail(err, "invalid dashboard result %zu: a client's id and 1 to %d bytes", i + 1,
					  STORE_DASH_KEPT_MAX);
	return 0;
}

int valid_throttle_key(const char *key, struct strbuf *err)
{
	if (!length_between(key, 1, 200))
		return store_fail(err, "invalid throttle key: it has 1 to 200 bytes");
	return 0;
}

int valid_audit(int64_t actor, const struct audit_row *row, const int64_t *subjects, size_t n, struct strbuf *err)
{
	if (actor <= 0)
		return store_fail(err, "invalid audit row: actor %lld", (long long)actor);
	if (!length_between(row->actor_name, 1, 200))
		return store_fail(err, "invalid audit row: a name has 1 to 200 bytes");
	if (!length_between(row->what, 1, 200))
		return store_fail(err, "invalid audit row: what was done has 1 to 200 bytes");
	if (n < 1 || n > VALID_AUDIT_MAX)
		return store_fail(err, "invalid audit row: %zu people (1 to %d at once)", n, VALID_AUDIT_MAX);
	for (size_t i = 0; i < n; i++)
		if (subjects[i] <= 0 || subjects[i] == actor)
			return store_fail(err, "invalid audit row: person %lld is not someone else", (long long)subjects[i]);
	return 0;
}

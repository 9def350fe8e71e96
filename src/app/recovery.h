/* recovery.h: a second factor's recovery codes (issue 18.2): ten single-use codes made
 * when two-step login is turned on and shown that once, for a login whose phone is
 * lost; the store keeps only a digest of each (recovery_*), and a code counts once. */
#ifndef UNHUNCH_APP_RECOVERY_H
#define UNHUNCH_APP_RECOVERY_H
#include "app/accounts.h"

#define APP_RECOVERY_CODES 10
#define APP_RECOVERY_LOW 3 /* this many left or fewer: the page says to make new ones */
#define APP_RECOVERY_CHARS 16 /* 5 bits each (a 32-letter alphabet): 80 random bits a code */
#define APP_RECOVERY_LEN (APP_RECOVERY_CHARS + APP_RECOVERY_CHARS / 4 - 1) /* "abcd-efgh-jkmn-pqrs" */
#define AUDIT_RECOVERY_USED "logged in with a recovery code of your two-step login"

struct app_recovery {
	char code[APP_RECOVERY_CODES][APP_RECOVERY_LEN + 1];
};

/* New codes for account, in place of any it had (its second factor must exist): out
 * holds them to show once. CLINIC_FAILED with err when the store fails. */
enum app_clinic_status app_recovery_issue(const struct app_ctx *ctx, int64_t account, struct app_recovery *out,
					  struct strbuf *err);
/* Whether text looks like a recovery code rather than an app's 6 digits: 16 letters and
 * digits of the codes' alphabet, in any case, dashes and spaces left out. */
bool app_recovery_shape(const char *text);
/* How many of account's codes are still unused (*left; 0 without a factor). */
enum app_clinic_status app_recovery_left(const struct app_ctx *ctx, int64_t account, int *left, struct strbuf *err);
/* Take code if it is one of account's unused codes (*ok); a wrong or used one: *ok false. */
enum app_clinic_status app_recovery_take(const struct app_ctx *ctx, int64_t account, const char *code, bool *ok,
					 struct strbuf *err);
#endif

/* login.h: when a clinic login session ends and how long a login must wait after
 * failed tries (issue 18). Pure rules: every time is passed in (Unix ms).
 *
 * A session ends 30 minutes after its last request (idle) and 12 hours after the
 * login whatever happens (absolute): a working day at the clinic's tablet, with a
 * forgotten tablet locked out within half an hour (OWASP ASVS 5.0 7.3: 15-30 minutes
 * idle for sensitive data, a limit on the whole). The last request is written at
 * most once a minute, so idle may run up to a minute longer.
 *
 * The throttle: each failed login is counted under the login name tried and under
 * the address it came from. A few are free; after that each try must wait a delay
 * that doubles with every failure, up to 15 minutes, and the count is forgotten a day
 * after the last failure. An address gets more free tries than a name (a clinic's
 * people share one address); delays, not lock-outs, so no one can lock a person out
 * for good by guessing their name. */
#ifndef UNHUNCH_CORE_LOGIN_H
#define UNHUNCH_CORE_LOGIN_H
#include <stdint.h>

#define LOGIN_IDLE_MS (30LL * 60 * 1000)
#define LOGIN_ABSOLUTE_MS (12LL * 60 * 60 * 1000)
#define LOGIN_SEEN_STEP_MS (60LL * 1000) /* the last request is written when older than this */
#define LOGIN_CODE_MS (5LL * 60 * 1000) /* a login waits this long for its second factor's code */

enum login_state {
	LOGIN_LIVE,    /* the session may be used */
	LOGIN_IDLE,    /* no request for LOGIN_IDLE_MS */
	LOGIN_EXPIRED, /* made LOGIN_ABSOLUTE_MS ago or more (or in the future: a clock gone wrong) */
};
extern const char *const login_state_names[]; /* "live", "idle", "expired" */

/* The state of a session made at created_ms and last used at seen_ms, at now_ms. */
enum login_state login_state(int64_t created_ms, int64_t seen_ms, int64_t now_ms);

struct throttle_rule {
	int free;         /* failures that cost no wait */
	int64_t first_ms; /* the wait after the first failure past them; doubles with each */
	int64_t max_ms;   /* the longest wait */
};
#define THROTTLE_FORGET_MS (24LL * 60 * 60 * 1000) /* failures forgotten a day after the last */
extern const struct throttle_rule throttle_by_name;    /* 5 free, then 1 s, 2 s, 4 s ... 15 min */
extern const struct throttle_rule throttle_by_address; /* 20 free, then the same */

/* How long a try must still wait (0: it may go now) after failures failures, the last
 * at last_ms. */
int64_t throttle_wait_ms(const struct throttle_rule *r, int failures, int64_t last_ms, int64_t now_ms);

#endif

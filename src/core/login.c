/* login.c: when a login session ends and the throttle's waits (login.h). */
#include "core/login.h"

const char *const login_state_names[] = { "live", "idle", "expired", 0 };

const struct throttle_rule throttle_by_name = { 5, 1000, 15LL * 60 * 1000 };
const struct throttle_rule throttle_by_address = { 20, 1000, 15LL * 60 * 1000 };

enum login_state login_state(int64_t created_ms, int64_t seen_ms, int64_t now_ms)
{
	if (now_ms < created_ms || now_ms - created_ms >= LOGIN_ABSOLUTE_MS)
		return LOGIN_EXPIRED;
	if (now_ms - (seen_ms > created_ms ? seen_ms : created_ms) >= LOGIN_IDLE_MS)
		return LOGIN_IDLE;
	return LOGIN_LIVE;
}

int64_t throttle_wait_ms(const struct throttle_rule *r, int failures, int64_t last_ms, int64_t now_ms)
{
	if (failures <= r->free || now_ms - last_ms >= THROTTLE_FORGET_MS)
		return 0;
	int64_t wait = r->first_ms;
	for (int i = r->free + 1; i < failures && wait < r->max_ms; i++)
		wait *= 2;
	if (wait > r->max_ms)
		wait = r->max_ms;
	int64_t left = last_ms + wait - now_ms;
	if (left > wait) /* a failure stamped in the future: a clock gone wrong */
		left = wait;
	return left > 0 ? left : 0;
}

/* notify.h: desktop notifications over D-Bus (org.freedesktop.Notifications) with
 * sd-bus: no GLib, one connection, signals for the answers. When there is no session
 * bus or no notification server, every call fails softly and the caller falls back
 * to the terminal. */
#ifndef UNHUNCH_BREAKS_NOTIFY_H
#define UNHUNCH_BREAKS_NOTIFY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct notifier;

/* The answer a notification's action gave (see notify_take_answer). */
enum notify_answer { NOTIFY_NONE, NOTIFY_START, NOTIFY_LATER, NOTIFY_SKIP };

/* Connect to the session bus; NULL (with why filled) when there is none. */
struct notifier *notify_open(char *why, size_t why_len);
void notify_close(struct notifier *n);
/* The bus's file descriptor and poll events, and the bus's own timeout (absolute
 * CLOCK_MONOTONIC µs, UINT64_MAX when none), for the caller's event loop. */
int notify_fd(struct notifier *n);
short notify_events(struct notifier *n);
uint64_t notify_timeout(struct notifier *n);
/* Handle what the bus has (call when notify_fd is readable). */
void notify_process(struct notifier *n);
/* Show a notification (replacing the previous one). Actions are added when asked
 * and the server offers them. Returns 0, or -1 with why filled. */
int notify_show(struct notifier *n, const char *summary, const char *body, bool actions, bool can_skip,
		int timeout_ms, char *why, size_t why_len);
/* Take the notification shown off the screen. */
void notify_withdraw(struct notifier *n);
/* The answer given since the last call, or NOTIFY_NONE. A notification the user
 * closed counts as Skip. */
enum notify_answer notify_take_answer(struct notifier *n);
/* Whether the server offers actions (after notify_show). */
bool notify_has_actions(struct notifier *n);

#endif

/* deadline.h: the one timer of the loops that wait for absolute deadlines: the guided
 * player's cues (monotonic clock) and the break coach's reminders (wall clock). A timerfd
 * to poll with the loop's other file descriptors, armed at an absolute time. */
#ifndef UNHUNCH_OS_DEADLINE_H
#define UNHUNCH_OS_DEADLINE_H

#include <stdbool.h>
#include <stdint.h>

#define DEADLINE_NONE INT64_MAX /* disarmed: ENGINE_NO_DEADLINE and BRK_NO_DEADLINE */

enum deadline_clock {
	DEADLINE_MONOTONIC, /* ms of CLOCK_MONOTONIC */
	DEADLINE_WALL,      /* ms since the epoch; setting the clock wakes the loop too */
};

/* A timer on that clock (close-on-exec), or -1 with errno set. close() it when done. */
int deadline_open(enum deadline_clock c);
/* Wake at at_ms, absolute on the timer's clock (DEADLINE_NONE: never). */
void deadline_arm(int fd, enum deadline_clock c, int64_t at_ms);
/* After poll() found fd readable: true when the deadline has passed or, on the wall
 * clock, the clock was set (the caller recomputes either way); false for nothing. */
bool deadline_take(int fd);

#endif

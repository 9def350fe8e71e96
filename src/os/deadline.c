/* deadline.c: absolute deadlines on a timerfd. See deadline.h. */
#include "os/deadline.h"
#include <errno.h>
#include <string.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

int deadline_open(enum deadline_clock c)
{
	return timerfd_create(c == DEADLINE_WALL ? CLOCK_REALTIME : CLOCK_MONOTONIC, TFD_CLOEXEC);
}

void deadline_arm(int fd, enum deadline_clock c, int64_t at_ms)
{
	struct itimerspec its;
	memset(&its, 0, sizeof(its));
	if (at_ms != DEADLINE_NONE) {
		its.it_value.tv_sec = at_ms / 1000;
		its.it_value.tv_nsec = (at_ms % 1000) * 1000000;
		if (!its.it_value.tv_sec && !its.it_value.tv_nsec)
			its.it_value.tv_nsec = 1; /* zero would disarm it */
	}
	timerfd_settime(fd, TFD_TIMER_ABSTIME | (c == DEADLINE_WALL ? TFD_TIMER_CANCEL_ON_SET : 0), &its, NULL);
}

bool deadline_take(int fd)
{
	uint64_t n;
	return read(fd, &n, sizeof(n)) == (ssize_t)sizeof(n) || errno == ECANCELED;
}

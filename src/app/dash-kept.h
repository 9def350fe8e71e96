/* dash-kept.h: a client's line of the trainer's dashboard (struct app_dash_client with
 * how each exercise felt) as text the store keeps (dash_kept_put), and back, so that a
 * read of the dashboard folds only the clients whose records changed since their line
 * was made that day (dashboard.c). */
#ifndef UNHUNCH_APP_DASH_KEPT_H
#define UNHUNCH_APP_DASH_KEPT_H
#include "app/dashboard.h"

/* What a kept line was made for: the format (raise it whenever the folding or the
 * encoding changes; a line kept by another format is folded again), the day and the
 * window's first instant (which also tell the time zone). */
#define DASH_KEPT_FORMAT 1
void dash_kept_key(int today, int64_t from_ms, int64_t today_ms, char *key, size_t size);

/* c as text (base64; free it). */
char *dash_kept_encode(const struct app_dash_client *c);
/* The text back into out (its facts pointer left alone) and facts' feel ratings (which
 * must be empty). 0, or -1 when the text is not one this program made (fold again). */
int dash_kept_decode(const char *text, struct app_dash_client *out, struct dash_client *facts);

#endif

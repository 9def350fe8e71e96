/* screen.h: a screening's result and the screening state (`screen --status`) as
 * terminal text (the user's words for each yes, who to see, the emergency number
 * filled in), and the state as JSON. */
#ifndef UNHUNCH_FORMAT_SCREEN_H
#define UNHUNCH_FORMAT_SCREEN_H
#include "app/screen-status.h"
#include "core/strbuf.h"

/* The yes answers of r and what they mean. emergency: the person's number, or "". */
void format_screen_result(struct strbuf *out, const struct catalog *cat, const struct screening_row *r,
			  const char *emergency);
/* The pieces of that text, for a page: a yes answer in the user's words, what it means
 * ("see a doctor today"), and the closing line when the result needs nobody (NULL when
 * it does: then urgency_advice() says who to see). */
const char *format_screen_answer_words(const struct catalog *cat, const char *id);
const char *format_screen_level_words(const struct catalog *cat, const struct answer_row *a);
const char *format_screen_closing(const struct screening_row *r, bool any_yes);
/* The state in words: exercise ("allowed", "paused until ..."), head-over-the-edge neck
 * work (NULL when allowed). */
const char *format_screen_exercise_words(const struct app_screen_status *st);
const char *format_screen_neck_words(const struct app_screen_status *st);
void format_screen_status_text(struct strbuf *out, const struct catalog *cat, const struct app_screen_status *st,
			       const struct tz *tz, const char *emergency);
void format_screen_status_json(struct strbuf *out, const struct app_screen_status *st, const struct tz *tz);

#endif

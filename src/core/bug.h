/* bug.h: report a bug of the program itself: a state the code should never reach, such
 * as a move the session engine's table does not allow. In a debug build (no NDEBUG, as
 * `make check` builds) BUG() stops the program at once, like assert(); in a release
 * build it returns and the caller refuses what it was asked to do. A test sets
 * bug_handler to see the report and carry on. No I/O here: the core has none. */
#ifndef UNHUNCH_BUG_H
#define UNHUNCH_BUG_H

typedef void (*bug_handler_fn)(const char *file, int line, const char *what);

/* NULL (the default): abort in a debug build, return in a release build. */
extern bug_handler_fn bug_handler;

void bug_report(const char *file, int line, const char *what);
#define BUG(what) bug_report(__FILE__, __LINE__, (what))

#endif

/* bug.c: BUG(): a bug of the program, fatal in a debug build. See bug.h. */
#include "bug.h"
#include <assert.h>

bug_handler_fn bug_handler;

void bug_report(const char *file, int line, const char *what)
{
	if (bug_handler) {
		bug_handler(file, line, what);
		return;
	}
	(void)file;
	(void)line;
	assert(!"a bug of the program: BUG() reached (see the caller in a debugger)" && what);
	(void)what;
}

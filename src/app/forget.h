/* forget.h: the forget use case: every record of the person deleted, in one step. */
#ifndef UNHUNCH_APP_FORGET_H
#define UNHUNCH_APP_FORGET_H
#include "app/app.h"

enum app_forget_status {
	APP_FORGET_DONE,        /* every record deleted, and the old copies wiped */
	APP_FORGET_UNFINISHED,  /* every record deleted; old copies remain until a second run (err says why) */
	APP_FORGET_FAILED,      /* nothing deleted (err says why) */
};

enum app_forget_status app_forget_all(const struct app_ctx *ctx, struct strbuf *err);

#endif

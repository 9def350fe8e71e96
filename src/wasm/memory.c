/* memory.c: memory the page writes strings into, and the two text buffers read back
 * (the last error, the last answer). */
#include "wasm/export.h"
#include "core/mem.h"
#include <stdlib.h>

static struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;

void *ux_alloc(int n)
{
	return xmalloc(n > 0 ? (size_t)n : 1);
}

void ux_free(void *p)
{
	free(p);
}

struct strbuf *ux_err_buf(void)
{
	return &err;
}

struct strbuf *ux_out_buf(void)
{
	return &out;
}

const char *ux_error(void)
{
	return strbuf_str(&err);
}

int ux_out_len(void)
{
	return (int)out.len;
}

/* store-version.c: for the backends' own tests: `store-version LOCATION` opens the
 * store at LOCATION (creating or upgrading it as any open does) and prints its backend
 * and schema version, or the error, with exit status 1. */
#include "store/store.h"
#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: store-version LOCATION\n");
		return 2;
	}
	struct strbuf err = STRBUF_INIT;
	struct store *s = NULL;
	int v = 0;
	int rc = store_open(&s, argv[1], &err) || s->ops->schema_version(s, &v, &err);
	if (rc)
		fprintf(stderr, "store-version: %s\n", strbuf_str(&err));
	else
		printf("%s %d\n", s->ops->name, v);
	store_close(s);
	strbuf_release(&err);
	return rc ? 1 : 0;
}

/* store-make-old.c: for the upgrade tests: `store-make-old LOCATION VERSION` makes
 * LOCATION a new, empty store of an older schema version, as that version of unhunch
 * made it (store_make_old). */
#include "store/store.h"
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: store-make-old LOCATION VERSION\n");
		return 2;
	}
	struct strbuf err = STRBUF_INIT;
	int rc = store_make_old(argv[1], atoi(argv[2]), &err);
	if (rc)
		fprintf(stderr, "store-make-old: %s\n", strbuf_str(&err));
	strbuf_release(&err);
	return rc ? 1 : 0;
}

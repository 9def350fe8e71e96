/* fuzz_backup.c: libFuzzer harness for the JSON backup importer: any bytes, read as
 * `unhunch import` reads them (jansson, duplicate keys refused), must give problems
 * or a checked backup, never a crash, leak or hang. A backup without problems is also
 * restored into an empty store in a temporary folder and counted, as import does. */
#include "app/backup.h"
#include "app/export.h"
#include "format/backup-read.h"
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

/* An empty store for each backup that parses: the folder is made once, in memory
 * (/dev/shm) where there is one, so that a busy disk's fsync does not read as a hang;
 * the database in it is removed before each use (and when the fuzzer exits). */
static char dir[64], db[96];

static void cleanup(void)
{
	char side[128];
	unlink(db);
	snprintf(side, sizeof(side), "%s-journal", db);
	unlink(side);
	snprintf(side, sizeof(side), "%s-wal", db);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", db);
	unlink(side);
}

static void remove_dir(void)
{
	cleanup();
	char cmd[96];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return;
}

static const char *empty_store(void)
{
	if (!dir[0]) {
		struct stat sb;
		bool shm = stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) && access("/dev/shm", W_OK) == 0;
		snprintf(dir, sizeof(dir), "%s/unhunch-fuzz-XXXXXX", shm ? "/dev/shm" : "/tmp");
		if (!mkdtemp(dir))
			abort();
		snprintf(db, sizeof(db), "%s/unhunch.db", dir);
		atexit(remove_dir);
	}
	cleanup();
	return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t je;
	json_t *doc = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &je);
	if (!doc)
		return 0;
	struct strbuf err = STRBUF_INIT;
	struct backup b;
	const int today = 21000; /* 2027-07-01 */ /* a fixed day: the dates it allows do not move */
	if (!backup_read_json("fuzz.json", doc, today, &b, &err)) {
		struct store *st = NULL;
		if (!store_open(&st, empty_store(), &err)) {
			struct app_store_counts n;
			if (!backup_restore(st, &b, &err))
				(void)app_store_count(st, &n, &err);
			store_close(st);
		}
	}
	backup_release(&b);
	json_decref(doc);
	strbuf_release(&err);
	return 0;
}

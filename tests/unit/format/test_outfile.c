/* test_outfile.c: the one file writer behind every -o: whole or nothing, never
 * replacing what is not a regular file, no temporary file left after a failure, a
 * signal or a kill. Everything happens in a temporary folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "format/outfile.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/unhunch-outfile.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

static char *at(const char *name)
{
	static char buf[4][256];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
	return buf[k];
}

static char *slurp(const char *path)
{
	static char buf[4096];
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Names in the folder other than the ones given (NULL-terminated). */
static int others(const char *const *expected)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		bool known = false;
		for (const char *const *e = expected; *e; e++)
			known |= !strcmp(*e, de->d_name);
		if (!known) {
			fprintf(stderr, "unexpected file: %s\n", de->d_name);
			n++;
		}
	}
	closedir(d);
	return n;
}

static void test_new_and_replaced(void **state)
{
	(void)state;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(outfile_write(at("a.txt"), "hello\n", 6, &err), 0);
	assert_string_equal(slurp(at("a.txt")), "hello\n");
	struct stat st;
	assert_int_equal(stat(at("a.txt"), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(outfile_write(at("a.txt"), "again", 5, &err), 0);
	assert_string_equal(slurp(at("a.txt")), "again");
	assert_int_equal(others((const char *[]){ "a.txt", NULL }), 0);
	strbuf_release(&err);
}

/* A write that fails half way (the file size limit stands in for a full disk) leaves
 * the old file whole and no temporary file. */
static void test_failed_write_keeps_old_file(void **state)
{
	(void)state;
	put(at("plan.ics"), "the old plan\n");
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGXFSZ, SIG_IGN);
		struct rlimit rl = { 4096, 4096 };
		setrlimit(RLIMIT_FSIZE, &rl);
		static char big[100000];
		memset(big, 'x', sizeof(big));
		struct strbuf err = STRBUF_INIT;
		int rc = outfile_write(at("plan.ics"), big, sizeof(big), &err);
		_exit(rc == -1 && strstr(strbuf_str(&err), "cannot write ") && strstr(strbuf_str(&err), "plan.ics: ") ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_string_equal(slurp(at("plan.ics")), "the old plan\n");
	assert_int_equal(others((const char *[]){ "plan.ics", NULL }), 0);
}

static void test_folder_and_missing_folder(void **state)
{
	(void)state;
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(outfile_write(dir, "x", 1, &err), -1);
	assert_non_null(strstr(err.buf, "Is a directory"));
	strbuf_reset(&err);
	assert_int_equal(outfile_write(at("no/such/x"), "x", 1, &err), -1);
	assert_non_null(strstr(err.buf, "No such file or directory"));
	strbuf_release(&err);
}

/* A FIFO (like a pipe or a device) is written into and stays a FIFO; the same through a
 * link, as /dev/stdout is one. */
static void fifo_case(const char *name)
{
	assert_int_equal(mkfifo(at("fifo"), 0600), 0);
	int p[2];
	assert_int_equal(pipe(p), 0);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		int fd = open(at("fifo"), O_RDONLY);
		char buf[64];
		ssize_t n = read(fd, buf, sizeof(buf));
		ssize_t w = write(p[1], buf, n > 0 ? (size_t)n : 0);
		_exit(w == n ? 0 : 1);
	}
	close(p[1]);
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(outfile_write(at(name), "through", 7, &err), 0);
	char got[64] = "";
	ssize_t n = read(p[0], got, sizeof(got) - 1);
	got[n < 0 ? 0 : n] = '\0';
	close(p[0]);
	waitpid(pid, NULL, 0);
	assert_string_equal(got, "through");
	struct stat st;
	assert_int_equal(stat(at("fifo"), &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	strbuf_release(&err);
	unlink(at("fifo"));
}

static void test_fifo_written_into(void **state)
{
	(void)state;
	fifo_case("fifo");
	assert_int_equal(symlink("fifo", at("stdout")), 0);
	fifo_case("stdout");
	struct stat st;
	assert_int_equal(lstat(at("stdout"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(others((const char *[]){ "stdout", NULL }), 0);
}

static void test_link_kept(void **state)
{
	(void)state;
	struct strbuf err = STRBUF_INIT;
	mkdir(at("real"), 0700);
	put(at("real/r.html"), "old");
	assert_int_equal(symlink("real/r.html", at("link.html")), 0);
	assert_int_equal(outfile_write(at("link.html"), "new", 3, &err), 0);
	struct stat st;
	assert_int_equal(lstat(at("link.html"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_string_equal(slurp(at("real/r.html")), "new");
	/* a link to a name that does not exist yet creates it */
	assert_int_equal(symlink("real/new.html", at("dangling.html")), 0);
	assert_int_equal(outfile_write(at("dangling.html"), "made", 4, &err), 0);
	assert_int_equal(lstat(at("dangling.html"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_string_equal(slurp(at("real/new.html")), "made");
	assert_int_equal(others((const char *[]){ "real", "link.html", "dangling.html", NULL }), 0);
	strbuf_release(&err);
}

/* Left-overs of a process that is gone are removed by the next write to the same
 * name; those of a live process, and other names, are not touched. */
static void test_leftovers_cleaned(void **state)
{
	(void)state;
	pid_t dead = fork();
	if (dead == 0)
		_exit(0);
	waitpid(dead, NULL, 0);
	char gone[64], live[64];
	snprintf(gone, sizeof(gone), ".r.json.unhunch-%d-AbC123", (int)dead);
	snprintf(live, sizeof(live), ".r.json.unhunch-%d-AbC123", (int)getppid());
	put(at(gone), "half");
	put(at(live), "busy");
	put(at(".other.json.unhunch-1-AbC123"), "not ours");
	struct strbuf err = STRBUF_INIT;
	assert_int_equal(outfile_write(at("r.json"), "{}", 2, &err), 0);
	assert_int_equal(access(at(gone), F_OK), -1);
	assert_int_equal(access(at(live), F_OK), 0);
	assert_int_equal(others((const char *[]){ "r.json", live, ".other.json.unhunch-1-AbC123", NULL }), 0);
	strbuf_release(&err);
}

/* SIGTERM while the temporary file exists removes it, and the process still ends by
 * the signal; the target is not created. */
static void test_sigterm_removes_temporary(void **state)
{
	(void)state;
	size_t size = 64u << 20;
	char *big = malloc(size);
	assert_non_null(big);
	memset(big, 'y', size);
	bool seen = false;
	for (int attempt = 0; attempt < 20 && !seen; attempt++) {
		pid_t pid = fork();
		if (pid == 0) {
			struct strbuf err = STRBUF_INIT;
			outfile_write(at("big.json"), big, size, &err);
			_exit(3);
		}
		/* wait for the temporary file, then stop the writer */
		for (int i = 0; i < 200000 && !seen; i++) {
			DIR *d = opendir(dir);
			struct dirent *de;
			while ((de = readdir(d)))
				seen |= !strncmp(de->d_name, ".big.json.unhunch-", 18);
			closedir(d);
		}
		kill(pid, SIGTERM);
		int status;
		waitpid(pid, &status, 0);
		if (WIFEXITED(status)) { /* it finished first: try again */
			seen = false;
			unlink(at("big.json"));
			continue;
		}
		assert_true(WIFSIGNALED(status));
		assert_int_equal(WTERMSIG(status), SIGTERM);
	}
	free(big);
	assert_true(seen);
	assert_int_equal(access(at("big.json"), F_OK), -1);
	assert_int_equal(others((const char *[]){ NULL }), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_and_replaced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_write_keeps_old_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_folder_and_missing_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fifo_written_into, setup, teardown),
		cmocka_unit_test_setup_teardown(test_link_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leftovers_cleaned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sigterm_removes_temporary, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

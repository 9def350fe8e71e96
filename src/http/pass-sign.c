/* pass-sign.c: the pass key in the data folder, and the web player's pass signed and
 * checked with crypto_auth (see pass-sign.h). */
#define _GNU_SOURCE
#include "http/pass-sign.h"
#include "core/strbuf.h"
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int key_read(const char *path, unsigned char key[PASS_KEY_BYTES], struct strbuf *err)
{
	/* O_NONBLOCK: a FIFO put where the key should be must not hang the server's start */
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return errno == ENOENT ? 1 : (strbuf_addf(err, "%s: cannot read the pass key: %s", path, strerror(errno)), -1);
	struct stat st;
	int rc = -1;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode))
		strbuf_addf(err, "%s: the pass key is not a plain file", path);
	else if (st.st_mode & 077)
		strbuf_addf(err, "%s: the pass key can be read by others (mode %03o); make it yours alone (chmod 600 %s)",
			    path, (unsigned)(st.st_mode & 0777), path);
	else if (st.st_size != PASS_KEY_BYTES || read(fd, key, PASS_KEY_BYTES) != PASS_KEY_BYTES)
		strbuf_addf(err, "%s: the pass key is %lld bytes, not %d; remove it and start again (passes given "
				 "before are then refused)", path, (long long)st.st_size, PASS_KEY_BYTES);
	else
		rc = 0;
	close(fd);
	return rc;
}

int pass_key_load(const char *dir, unsigned char key[PASS_KEY_BYTES], struct strbuf *err)
{
	if (sodium_init() < 0) {
		strbuf_addstr(err, "libsodium does not start");
		return -1;
	}
	struct strbuf path = STRBUF_INIT, aside = STRBUF_INIT;
	strbuf_addf(&path, "%s/" PASS_KEY_FILE, dir);
	int rc = key_read(path.buf, key, err);
	if (rc == 1) {
		/* none yet: write a new one aside, then link it into place (fails when another
		 * server was faster: then its key is read) */
		unsigned char fresh[PASS_KEY_BYTES];
		randombytes_buf(fresh, sizeof(fresh));
		strbuf_addf(&aside, "%s/." PASS_KEY_FILE ".%ld", dir, (long)getpid());
		int fd = open(aside.buf, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
		bool ok = fd >= 0 && write(fd, fresh, sizeof(fresh)) == (ssize_t)sizeof(fresh) && fsync(fd) == 0;
		int e = errno;
		if (fd >= 0)
			close(fd);
		sodium_memzero(fresh, sizeof(fresh));
		if (!ok || (link(aside.buf, path.buf) && errno != EEXIST)) {
			strbuf_addf(err, "%s: cannot make the pass key: %s", path.buf, strerror(ok ? errno : e));
			rc = -1;
		} else {
			rc = key_read(path.buf, key, err) ? -1 : 0;
		}
		unlink(aside.buf);
	}
	strbuf_release(&path);
	strbuf_release(&aside);
	return rc;
}

static void b64(const unsigned char *bin, size_t n, struct strbuf *out)
{
	char buf[sodium_base64_ENCODED_LEN(64, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	sodium_bin2base64(buf, sizeof(buf), bin, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	strbuf_addstr(out, buf);
}

void pass_sign(const unsigned char key[PASS_KEY_BYTES], struct pass_claims *c, struct strbuf *token)
{
	unsigned char id[16], mac[crypto_auth_BYTES];
	randombytes_buf(id, sizeof(id));
	struct strbuf sb = STRBUF_INIT;
	b64(id, sizeof(id), &sb);
	snprintf(c->id, sizeof(c->id), "%s", sb.buf);
	strbuf_release(&sb);
	size_t start = token->len;
	pass_token_payload(c, token);
	crypto_auth(mac, (const unsigned char *)token->buf + start, token->len - start, key);
	strbuf_addch(token, '.');
	b64(mac, sizeof(mac), token);
}

int pass_verify(const unsigned char key[PASS_KEY_BYTES], const char *token, struct pass_claims *out,
		struct strbuf *err)
{
	if (pass_token_parse(token, out, err))
		return -1;
	const char *dot = strrchr(token, '.');
	unsigned char mac[crypto_auth_BYTES];
	size_t n = 0;
	if (sodium_base642bin(mac, sizeof(mac), dot + 1, strlen(dot + 1), NULL, &n, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) ||
	    n != sizeof(mac) ||
	    crypto_auth_verify(mac, (const unsigned char *)token, (unsigned long long)(dot - token), key)) {
		strbuf_addstr(err, "the session pass is not valid: this server did not sign it");
		return -1;
	}
	return 0;
}

/* totp.c: SHA-1, HMAC-SHA-1, HOTP and TOTP, and base32, for a second factor (totp.h),
 * written from FIPS 180-4, RFC 2104, RFC 4226, RFC 6238 and RFC 4648. */
#include "core/totp.h"
#include <string.h>

static uint32_t rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

static void sha1_block(uint32_t h[5], const uint8_t b[64])
{
	uint32_t w[80];
	for (int t = 0; t < 16; t++)
		w[t] = (uint32_t)b[4 * t] << 24 | (uint32_t)b[4 * t + 1] << 16 | (uint32_t)b[4 * t + 2] << 8 | b[4 * t + 3];
	for (int t = 16; t < 80; t++)
		w[t] = rol(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
	uint32_t a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4];
	for (int t = 0; t < 80; t++) {
		uint32_t f, k;
		if (t < 20) {
			f = (bb & c) | (~bb & d);
			k = 0x5a827999;
		} else if (t < 40) {
			f = bb ^ c ^ d;
			k = 0x6ed9eba1;
		} else if (t < 60) {
			f = (bb & c) | (bb & d) | (c & d);
			k = 0x8f1bbcdc;
		} else {
			f = bb ^ c ^ d;
			k = 0xca62c1d6;
		}
		uint32_t tmp = rol(a, 5) + f + e + k + w[t];
		e = d;
		d = c;
		c = rol(bb, 30);
		bb = a;
		a = tmp;
	}
	h[0] += a;
	h[1] += bb;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

/* SHA-1 over pieces: whole blocks as they fill, the padding at the end */
struct sha1 {
	uint32_t h[5];
	uint8_t buf[64];
	size_t n;
	uint64_t total;
};

static void sha1_init(struct sha1 *c)
{
	static const uint32_t h0[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0 };
	memcpy(c->h, h0, sizeof(h0));
	c->n = 0;
	c->total = 0;
}

static void sha1_add(struct sha1 *c, const uint8_t *p, size_t len)
{
	c->total += len;
	while (len) {
		size_t take = 64 - c->n < len ? 64 - c->n : len;
		memcpy(c->buf + c->n, p, take);
		c->n += take;
		p += take;
		len -= take;
		if (c->n == 64) {
			sha1_block(c->h, c->buf);
			c->n = 0;
		}
	}
}

static void sha1_end(struct sha1 *c, uint8_t out[20])
{
	uint64_t bits = c->total * 8;
	uint8_t pad = 0x80, zero = 0, len[8];
	sha1_add(c, &pad, 1);
	while (c->n != 56)
		sha1_add(c, &zero, 1);
	for (int k = 0; k < 8; k++)
		len[k] = (uint8_t)(bits >> (56 - 8 * k));
	sha1_add(c, len, 8);
	for (int k = 0; k < 5; k++) {
		out[4 * k] = (uint8_t)(c->h[k] >> 24);
		out[4 * k + 1] = (uint8_t)(c->h[k] >> 16);
		out[4 * k + 2] = (uint8_t)(c->h[k] >> 8);
		out[4 * k + 3] = (uint8_t)c->h[k];
	}
	memset(c, 0, sizeof(*c));
}

void totp_sha1(const uint8_t *msg, size_t len, uint8_t out[20])
{
	struct sha1 c;
	sha1_init(&c);
	sha1_add(&c, msg, len);
	sha1_end(&c, out);
}

void totp_hmac_sha1(const uint8_t *key, size_t key_len, const uint8_t *msg, size_t len, uint8_t out[20])
{
	uint8_t k[64] = { 0 }, pad[64], inner[20];
	if (key_len > 64)
		totp_sha1(key, key_len, k); /* a key longer than a block is hashed first (RFC 2104) */
	else if (key_len)
		memcpy(k, key, key_len);
	struct sha1 c;
	/* HMAC = H(K ^ opad, H(K ^ ipad, msg)) */
	for (int i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x36;
	sha1_init(&c);
	sha1_add(&c, pad, 64);
	sha1_add(&c, msg, len);
	sha1_end(&c, inner);
	for (int i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x5c;
	sha1_init(&c);
	sha1_add(&c, pad, 64);
	sha1_add(&c, inner, 20);
	sha1_end(&c, out);
	memset(k, 0, sizeof(k));
	memset(pad, 0, sizeof(pad));
}

uint32_t totp_hotp(const uint8_t *key, size_t key_len, uint64_t counter, int digits)
{
	uint8_t msg[8], mac[20];
	for (int i = 0; i < 8; i++)
		msg[i] = (uint8_t)(counter >> (56 - 8 * i));
	totp_hmac_sha1(key, key_len, msg, sizeof(msg), mac);
	int off = mac[19] & 0x0f; /* dynamic truncation */
	uint32_t bin = (uint32_t)(mac[off] & 0x7f) << 24 | (uint32_t)mac[off + 1] << 16 | (uint32_t)mac[off + 2] << 8 |
		       mac[off + 3];
	uint32_t mod = 1;
	for (int i = 0; i < digits; i++)
		mod *= 10;
	return bin % mod;
}

int64_t totp_step(int64_t now_ms)
{
	return now_ms < 0 ? 0 : now_ms / TOTP_STEP_MS;
}

bool totp_check(const uint8_t *key, size_t key_len, int64_t now_ms, const char *code, int64_t last_step,
		int64_t *step)
{
	*step = 0;
	if (!code || strlen(code) != TOTP_DIGITS || strspn(code, "0123456789") != TOTP_DIGITS)
		return false;
	uint32_t given = 0;
	for (int i = 0; i < TOTP_DIGITS; i++)
		given = given * 10 + (uint32_t)(code[i] - '0');
	int64_t now = totp_step(now_ms), found = 0;
	for (int64_t t = now - 1; t <= now + 1; t++) { /* all three computed, whichever matches */
		bool match = totp_hotp(key, key_len, (uint64_t)(t < 0 ? 0 : t), TOTP_DIGITS) == given;
		if (match && t > last_step && !found)
			found = t;
	}
	*step = found;
	return found != 0;
}

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void totp_base32(const uint8_t *in, size_t len, char *out, size_t out_size)
{
	size_t o = 0;
	uint32_t acc = 0;
	int bits = 0;
	for (size_t i = 0; i < len; i++) {
		acc = acc << 8 | in[i];
		bits += 8;
		while (bits >= 5 && o + 1 < out_size) {
			out[o++] = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0 && o + 1 < out_size)
		out[o++] = b32[(acc << (5 - bits)) & 31];
	if (out_size)
		out[o] = '\0';
}

int totp_base32_decode(const char *in, uint8_t *out, size_t out_size)
{
	uint32_t acc = 0;
	int bits = 0;
	size_t o = 0;
	for (const char *p = in; *p; p++) {
		if (*p == ' ' || *p == '=')
			continue;
		char c = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
		const char *at = c ? strchr(b32, c) : NULL;
		if (!at)
			return -1;
		acc = acc << 5 | (uint32_t)(at - b32);
		bits += 5;
		if (bits >= 8) {
			if (o == out_size)
				return -1;
			out[o++] = (uint8_t)(acc >> (bits - 8));
			bits -= 8;
		}
	}
	return (int)o;
}

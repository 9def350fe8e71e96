/* speech.h: the web player's clips: words spoken into a WAV with the espeak-ng library
 * (the voice the terminal uses), rendered once and kept in memory up to a size cap
 * (the oldest clips go first), for browsers without a voice of their own
 * (GET /api/v1/speech). espeak-ng keeps global state, so one clip is rendered at a time
 * (a lock); a clip already kept is answered without waiting for a render. */
#ifndef UNHUNCH_HTTP_SPEECH_H
#define UNHUNCH_HTTP_SPEECH_H
#include <stdbool.h>
#include <stddef.h>

struct arena;
struct strbuf;

/* Bytes of words in one clip. Every cue the engine says for the shipped content fits
 * (tests/unit/http/test_http_speech_cues.c walks them all: the longest, an exercise's
 * get-ready with its steps and cautions, is 1364 bytes), with room for content that
 * grows; percent-encoded (at most 3 characters a byte) it stays within the request
 * line's 16 KiB. Longer words are refused before anything is rendered. */
#define SPEECH_TEXT_MAX 3000
#define SPEECH_TEXT_MAX_WORDS "3000" /* the same, for messages */
#define SPEECH_CACHE_MAX (16u * 1024 * 1024) /* bytes of WAV kept */

struct speech *speech_new(size_t cap);
void speech_free(struct speech *s);

/* May these words be spoken (1 to SPEECH_TEXT_MAX bytes of UTF-8, no control
 * characters, something besides spaces)? False with why in plain words. */
bool speech_text_ok(const char *text, const char **why);

/* The WAV of text (checked with speech_text_ok first), copied into the arena: *hit
 * says whether it was kept from before. Returns 0, or -1 with err when espeak-ng
 * cannot render it. */
int speech_wav(struct speech *s, const char *text, struct arena *a, const char **wav, size_t *len, bool *hit,
	       struct strbuf *err);

/* How many clips were rendered (not answered from the cache) since speech_new. */
size_t speech_renders(struct speech *s);

#endif

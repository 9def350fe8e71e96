/* speech.c: clips of spoken words for the web player, rendered once with espeak-ng and
 * kept in memory (see speech.h). */
#include "http/speech.h"
#include "core/mem.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "http/arena.h"
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SPEECH_RATE 160 /* words a minute, as the terminal's voice */

struct clip {
	char *text;
	unsigned char *wav;
	size_t len;
};

struct speech {
	pthread_mutex_t lock;
	struct clip *v; /* oldest first */
	size_t n, alloc, bytes, cap, renders;
};

/* espeak-ng is one per process: started once, by the first render, and kept. */
static pthread_mutex_t engine_lock = PTHREAD_MUTEX_INITIALIZER;
static int engine_rate; /* samples a second; 0: not started */
static struct strbuf *pcm; /* the render in progress (engine_lock held) */

static int on_samples(short *samples, int n, espeak_EVENT *ev)
{
	(void)ev;
	if (samples && n > 0)
		for (int i = 0; i < n; i++) {
			uint16_t u = (uint16_t)samples[i];
			strbuf_addch(pcm, (char)(u & 0xff));
			strbuf_addch(pcm, (char)(u >> 8));
		}
	return 0;
}

static int engine_start(struct strbuf *err)
{
	if (engine_rate)
		return 0;
	espeak_ng_InitializePath(NULL);
	if (espeak_ng_Initialize(NULL) != ENS_OK || espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL) != ENS_OK ||
	    espeak_ng_SetVoiceByName("en") != ENS_OK) {
		strbuf_addstr(err, "the speech engine (espeak-ng) does not start: is its data installed?");
		return -1;
	}
	espeak_SetParameter(espeakRATE, SPEECH_RATE, 0);
	espeak_SetSynthCallback(on_samples);
	engine_rate = espeak_ng_GetSampleRate();
	return 0;
}

static void put(unsigned char *p, uint32_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* Render text as a 16-bit mono WAV into out (malloc'd). */
static int render(const char *text, unsigned char **out, size_t *len, struct strbuf *err)
{
	struct strbuf samples = STRBUF_INIT;
	pthread_mutex_lock(&engine_lock);
	int rc = engine_start(err);
	if (!rc) {
		pcm = &samples;
		if (espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL) !=
			    ENS_OK ||
		    espeak_ng_Synchronize() != ENS_OK) {
			strbuf_addstr(err, "the speech engine (espeak-ng) could not say these words");
			rc = -1;
		}
		pcm = NULL;
	}
	uint32_t rate = (uint32_t)engine_rate;
	pthread_mutex_unlock(&engine_lock);
	if (!rc && !samples.len) {
		strbuf_addstr(err, "the speech engine (espeak-ng) said nothing for these words");
		rc = -1;
	}
	if (rc) {
		strbuf_release(&samples);
		return -1;
	}
	*len = 44 + samples.len;
	unsigned char *w = xmalloc(*len);
	memcpy(w, "RIFF", 4);
	put(w + 4, (uint32_t)(*len - 8), 4);
	memcpy(w + 8, "WAVEfmt ", 8);
	put(w + 16, 16, 4);
	put(w + 20, 1, 2);         /* PCM */
	put(w + 22, 1, 2);         /* mono */
	put(w + 24, rate, 4);
	put(w + 28, rate * 2, 4);  /* bytes a second */
	put(w + 32, 2, 2);         /* bytes a sample */
	put(w + 34, 16, 2);        /* bits */
	memcpy(w + 36, "data", 4);
	put(w + 40, (uint32_t)samples.len, 4);
	memcpy(w + 44, samples.buf, samples.len);
	strbuf_release(&samples);
	*out = w;
	return 0;
}

struct speech *speech_new(size_t cap)
{
	struct speech *s = xcalloc(1, sizeof(*s));
	pthread_mutex_init(&s->lock, NULL);
	s->cap = cap;
	return s;
}

void speech_free(struct speech *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].text);
		free(s->v[i].wav);
	}
	free(s->v);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

bool speech_text_ok(const char *text, const char **why)
{
	size_t n = text ? strlen(text) : 0;
	if (!n || strspn(text, " ") == n)
		*why = "there are no words to say";
	else if (n > SPEECH_TEXT_MAX)
		*why = "the words are too long to say at once (at most " SPEECH_TEXT_MAX_WORDS " bytes)";
	else if (!utf8_valid_str(text))
		*why = "the words are not UTF-8 text";
	else if (utf8_control(text, false))
		*why = "the words hold a control character";
	else
		return true;
	return false;
}

/* The kept clip of text, copied into the arena (s->lock held). */
static bool lookup(struct speech *s, const char *text, struct arena *a, const char **wav, size_t *len)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].text, text)) {
			*wav = arena_strndup(a, (const char *)s->v[i].wav, s->v[i].len);
			*len = s->v[i].len;
			return true;
		}
	return false;
}

int speech_wav(struct speech *s, const char *text, struct arena *a, const char **wav, size_t *len, bool *hit,
	       struct strbuf *err)
{
	pthread_mutex_lock(&s->lock);
	*hit = lookup(s, text, a, wav, len);
	pthread_mutex_unlock(&s->lock);
	if (*hit)
		return 0;
	unsigned char *w;
	size_t n;
	if (render(text, &w, &n, err))
		return -1;
	*wav = arena_strndup(a, (const char *)w, n);
	*len = n;
	pthread_mutex_lock(&s->lock);
	s->renders++;
	const char *again;
	size_t again_len;
	if (n > s->cap || lookup(s, text, a, &again, &again_len)) {
		/* larger than the whole cache, or another request kept it meanwhile */
		free(w);
	} else {
		size_t drop = 0;
		while (s->bytes + n > s->cap && drop < s->n) {
			s->bytes -= s->v[drop].len;
			free(s->v[drop].text);
			free(s->v[drop].wav);
			drop++;
		}
		if (drop) {
			memmove(s->v, s->v + drop, (s->n - drop) * sizeof(*s->v));
			s->n -= drop;
		}
		if (s->n == s->alloc) {
			s->alloc = s->alloc ? 2 * s->alloc : 64;
			s->v = xrealloc(s->v, s->alloc * sizeof(*s->v));
		}
		s->v[s->n++] = (struct clip){ xstrdup(text), w, n };
		s->bytes += n;
	}
	pthread_mutex_unlock(&s->lock);
	return 0;
}

size_t speech_renders(struct speech *s)
{
	pthread_mutex_lock(&s->lock);
	size_t n = s->renders;
	pthread_mutex_unlock(&s->lock);
	return n;
}

/* voice.c: a speaker process around the espeak-ng library. The parent writes one cue
 * per line into a non-blocking pipe; the child speaks them in order. A line holding
 * only CAN (0x18) cancels speech in progress. In WAV mode the child writes the
 * samples to a file, padding with silence so each cue starts at the moment it came. */
#define _GNU_SOURCE
#include "voice.h"
#include <errno.h>
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <fcntl.h>
#include <glob.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CANCEL '\x18'

bool voice_audio_available(void)
{
	if (getenv("PULSE_SERVER"))
		return true;
	const char *rt = getenv("XDG_RUNTIME_DIR");
	if (rt) {
		char p[512];
		struct stat st;
		snprintf(p, sizeof(p), "%s/pulse/native", rt);
		if (stat(p, &st) == 0)
			return true;
		snprintf(p, sizeof(p), "%s/pipewire-0", rt);
		if (stat(p, &st) == 0)
			return true;
	}
	glob_t g;
	bool found = glob("/dev/snd/pcmC*D*p", 0, NULL, &g) == 0 && g.gl_pathc > 0;
	globfree(&g);
	return found;
}

/* ---- child: WAV writing ---- */

static FILE *wav;
static uint32_t wav_samples;
static int wav_rate;

static void put16(FILE *f, uint16_t v)
{
	fputc(v & 0xff, f);
	fputc(v >> 8, f);
}

static void put32(FILE *f, uint32_t v)
{
	put16(f, v & 0xffff);
	put16(f, v >> 16);
}

static void wav_header(FILE *f, uint32_t samples)
{
	fseek(f, 0, SEEK_SET);
	fwrite("RIFF", 1, 4, f);
	put32(f, 36 + samples * 2);
	fwrite("WAVEfmt ", 1, 8, f);
	put32(f, 16);
	put16(f, 1);          /* PCM */
	put16(f, 1);          /* mono */
	put32(f, (uint32_t)wav_rate);
	put32(f, (uint32_t)wav_rate * 2);
	put16(f, 2);
	put16(f, 16);
	fwrite("data", 1, 4, f);
	put32(f, samples * 2);
	fseek(f, 0, SEEK_END);
}

static int on_samples(short *samples, int n, espeak_EVENT *ev)
{
	(void)ev;
	if (wav && samples && n > 0) {
		for (int i = 0; i < n; i++)
			put16(wav, (uint16_t)samples[i]);
		wav_samples += (uint32_t)n;
	}
	return 0;
}

static double mono_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void child(int rfd, const char *wav_path)
{
	/* speech libraries may print device errors; keep them off the user's screen */
	int null = open("/dev/null", O_WRONLY);
	if (null >= 0) {
		dup2(null, STDERR_FILENO);
		dup2(null, STDOUT_FILENO);
		close(null);
	}
	signal(SIGINT, SIG_IGN);
	espeak_ng_InitializePath(NULL);
	if (espeak_ng_Initialize(NULL) != ENS_OK)
		_exit(3);
	bool to_file = wav_path != NULL;
	if (espeak_ng_InitializeOutput(to_file ? ENOUTPUT_MODE_SYNCHRONOUS : ENOUTPUT_MODE_SPEAK_AUDIO, 0, NULL) != ENS_OK)
		_exit(3);
	espeak_ng_SetVoiceByName("en");
	espeak_SetParameter(espeakRATE, 160, 0);
	if (to_file) {
		wav_rate = espeak_ng_GetSampleRate();
		wav = fopen(wav_path, "wb");
		if (!wav)
			_exit(4);
		wav_header(wav, 0);
		espeak_SetSynthCallback(on_samples);
	}
	double t0 = mono_s();
	FILE *in = fdopen(rfd, "r");
	char line[4096];
	while (in && fgets(line, sizeof(line), in)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == CANCEL) {
			if (!to_file)
				espeak_ng_Cancel();
			continue;
		}
		if (to_file) {
			/* silence up to the moment this cue arrived */
			uint32_t due = (uint32_t)((mono_s() - t0) * wav_rate);
			while (wav_samples < due) {
				put16(wav, 0);
				wav_samples++;
			}
		}
		espeak_ng_Synthesize(line, strlen(line) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL);
		if (to_file)
			espeak_ng_Synchronize();
	}
	espeak_ng_Synchronize();
	if (wav) {
		wav_header(wav, wav_samples);
		fclose(wav);
	}
	espeak_ng_Terminate();
	_exit(0);
}

void voice_start(struct voice *v, bool want, const char *wav_path, char *notice, size_t notice_len)
{
	v->fd = -1;
	v->pid = -1;
	v->mode = VOICE_OFF;
	if (notice && notice_len)
		notice[0] = '\0';
	if (!want)
		return;
	if (!wav_path && !voice_audio_available()) {
		v->mode = VOICE_BELL;
		if (notice)
			snprintf(notice, notice_len, "No audio device: cues sound as a bell (--no-voice: silence).");
		return;
	}
	int p[2];
	if (pipe(p) < 0)
		goto fail;
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		goto fail;
	}
	if (pid == 0) {
		sigset_t none; /* not the break coach's blocked signals */
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		close(p[1]);
		child(p[0], wav_path);
	}
	close(p[0]);
	fcntl(p[1], F_SETFL, fcntl(p[1], F_GETFL) | O_NONBLOCK);
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	v->fd = p[1];
	v->pid = pid;
	v->mode = wav_path ? VOICE_WAV : VOICE_SPEAK;
	return;
fail:
	v->mode = VOICE_BELL;
	if (notice)
		snprintf(notice, notice_len, "Speech could not start (%s): cues sound as a terminal bell.",
			 strerror(errno));
}

static void send_line(struct voice *v, const char *s, size_t n)
{
	if (v->fd < 0)
		return;
	char buf[4096];
	if (n > sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	memcpy(buf, s, n);
	for (size_t i = 0; i < n; i++)
		if (buf[i] == '\n')
			buf[i] = ' ';
	buf[n] = '\n';
	/* a full pipe means the speaker is far behind: drop the cue, never wait */
	ssize_t w = write(v->fd, buf, n + 1);
	(void)w;
}

void voice_say(struct voice *v, const char *text)
{
	send_line(v, text, strlen(text));
}

void voice_cancel(struct voice *v)
{
	char c = CANCEL;
	if (v->mode == VOICE_SPEAK)
		send_line(v, &c, 1);
}

void voice_stop(struct voice *v)
{
	if (v->fd >= 0)
		close(v->fd);
	v->fd = -1;
	if (v->pid > 0) {
		int st;
		while (waitpid(v->pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	v->pid = -1;
}

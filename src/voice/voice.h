/* voice.h: spoken cues. Speech runs in a child process (espeak-ng library), fed
 * through a non-blocking pipe, so speaking never delays the session timer; a cue
 * that cannot be queued at once is dropped rather than waited for. Without an
 * audio device the cues fall back to the terminal bell. */
#ifndef UNHUNCH_VOICE_H
#define UNHUNCH_VOICE_H
#include <stdbool.h>
#include <sys/types.h>

enum voice_mode {
	VOICE_OFF,    /* silent */
	VOICE_BELL,   /* no audio device: the caller rings the terminal bell */
	VOICE_SPEAK,  /* spoken through the audio device */
	VOICE_WAV,    /* spoken into a WAV file, each cue at its time in the session */
};

struct voice {
	enum voice_mode mode;
	int fd;       /* write end of the pipe to the speaker process */
	pid_t pid;
};

/* True when an audio output seems to exist (ALSA playback device, PulseAudio or PipeWire). */
bool voice_audio_available(void);

/* Start the speaker. wav_path: write speech there instead of the audio device (may be
 * NULL). want: false for --no-voice. On failure the mode falls back to VOICE_BELL
 * and notice (when not NULL) gets a one-line reason. */
void voice_start(struct voice *v, bool want, const char *wav_path, char *notice, size_t notice_len);
/* Queue words to speak. Never blocks. */
void voice_say(struct voice *v, const char *text);
/* Drop what is queued and stop the current words (on pause, skip, quit). */
void voice_cancel(struct voice *v);
/* Finish speaking what is queued, then stop the speaker process. */
void voice_stop(struct voice *v);

#endif

/* config.c: reading the break coach's settings (KEY = VALUE, # comments). */
#include "breaks/config.h"
#include "core/content.h"
#include "core/mem.h"
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Declared in presence.h; kept here, where the settings are read, so that reading them
 * does not link the presence sources (X11, Wayland, D-Bus) into the light unhunch. */
const char *const presence_idle_names[PIDLE__COUNT + 1] = { "auto", "mutter", "wayland", "x11", "logind", "off",
							     NULL };

void breaks_settings_default(struct breaks_settings *s)
{
	memset(s, 0, sizeof(*s));
	brk_config_default(&s->sched);
	s->voice = true;
	s->desktop = true;
	s->focus_auto = true;
	s->idle = PIDLE_AUTO;
	s->dnd = true;
	snprintf(s->routine, sizeof(s->routine), "posture-breaks");
}

char *breaks_config_path(const char *home)
{
	struct strbuf sb = STRBUF_INIT;
	const char *x = getenv("XDG_CONFIG_HOME");
	if (x && x[0] == '/')
		strbuf_addf(&sb, "%s/unhunch/config", x);
	else if (home)
		strbuf_addf(&sb, "%s/.config/unhunch/config", home);
	else
		return NULL;
	return strbuf_detach(&sb);
}

/* "90s", "30m", "1h", "1h30m"; a bare number is minutes. */
static int parse_duration(const char *v, int64_t *ms)
{
	int64_t total = 0;
	const char *p = v;
	if (!*p)
		return -1;
	while (*p) {
		if (!isdigit((unsigned char)*p))
			return -1;
		errno = 0;
		char *end;
		long long n = strtoll(p, &end, 10);
		if (errno || n > 100000)
			return -1;
		int64_t unit = 60000;
		if (*end == 's')
			unit = 1000, end++;
		else if (!strncmp(end, "min", 3))
			end += 3;
		else if (*end == 'm')
			end++;
		else if (*end == 'h')
			unit = 3600000, end++;
		else if (*end || p != v)
			return -1;
		total += n * unit;
		p = end;
	}
	*ms = total;
	return 0;
}

static const char *const day_names[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat", NULL };

static int day_index(const char *s, size_t n)
{
	for (int i = 0; day_names[i]; i++)
		if (n == 3 && !strncasecmp(s, day_names[i], 3))
			return i;
	return -1;
}

/* "mon-fri", "mon,wed,fri", "sat-sun", "all" */
static int parse_days(const char *v, unsigned *days)
{
	if (!strcmp(v, "all")) {
		*days = 0x7f;
		return 0;
	}
	unsigned d = 0;
	const char *p = v;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		const char *dash = memchr(p, '-', len);
		int a = day_index(p, dash ? (size_t)(dash - p) : len), b = a;
		if (dash)
			b = day_index(dash + 1, len - (size_t)(dash + 1 - p));
		if (a < 0 || b < 0)
			return -1;
		for (int i = a;; i = (i + 1) % 7) {
			d |= 1u << i;
			if (i == b)
				break;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	if (!d)
		return -1;
	*days = d;
	return 0;
}

static int parse_clock(const char *s, int *min)
{
	int h, m, n = 0;
	if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || n != 5 || h < 0 || m < 0 || m > 59 || h * 60 + m > 24 * 60)
		return -1;
	*min = h * 60 + m;
	return 0;
}

/* "09:00-18:00" */
static int parse_hours(const char *v, int *start, int *end)
{
	if (strlen(v) != 11 || v[5] != '-')
		return -1;
	char a[6];
	memcpy(a, v, 5);
	a[5] = 0;
	if (parse_clock(a, start) || parse_clock(v + 6, end) || *start >= *end)
		return -1;
	return 0;
}

static int parse_bool(const char *v, bool *b)
{
	if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true"))
		*b = true;
	else if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false"))
		*b = false;
	else
		return -1;
	return 0;
}

static int parse_focus(const char *v, unsigned *f, bool *from_plan)
{
	*f = 0;
	*from_plan = !strcmp(v, "auto");
	if (!strcmp(v, "none") || *from_plan)
		return 0;
	char *copy = xstrdup(v), *save = NULL;
	int rc = 0;
	for (char *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
		if (!strcmp(t, "chest"))
			*f |= BRK_FOCUS_CHEST;
		else if (!strcmp(t, "breathing"))
			*f |= BRK_FOCUS_BREATHING;
		else
			rc = -1;
	}
	free(copy);
	return rc;
}

/* The durations, by key. */
static int64_t *duration_field(struct brk_config *c, const char *key)
{
	static const char *const keys[] = { "micro_every", "micro_length", "move_every", "move_length",
					    "postpone", "away_after", "answer_within", NULL };
	int64_t *fields[] = { &c->every_ms[BRK_MICRO], &c->length_ms[BRK_MICRO], &c->every_ms[BRK_MOVE],
			      &c->length_ms[BRK_MOVE], &c->postpone_ms, &c->away_ms, &c->answer_ms };
	for (int i = 0; keys[i]; i++)
		if (!strcmp(key, keys[i]))
			return fields[i];
	return NULL;
}

/* Apply one KEY = VALUE; returns NULL or what is wrong. */
static const char *apply(struct breaks_settings *s, const char *key, const char *v)
{
	int64_t *dur = duration_field(&s->sched, key);
	if (dur) {
		int64_t ms;
		if (parse_duration(v, &ms) || ms <= 0)
			return "expected a duration such as 30m, 90s or 1h";
		*dur = ms;
	} else if (!strcmp(key, "mode")) {
		int m = name_index(brk_mode_names, v);
		if (m < 0)
			return "expected normal, notify-only or strict";
		s->sched.mode = (enum brk_mode)m;
	} else if (!strcmp(key, "skips_per_day")) {
		char *end;
		long n = strtol(v, &end, 10);
		if (end == v || *end || n < 0 || n > 100)
			return "expected a whole number from 0 to 100";
		s->sched.skips_per_day = (int)n;
	} else if (!strcmp(key, "work_days")) {
		if (parse_days(v, &s->sched.work_days))
			return "expected days such as mon-fri, mon,wed,fri or all";
	} else if (!strcmp(key, "work_hours")) {
		if (parse_hours(v, &s->sched.work_start_min, &s->sched.work_end_min))
			return "expected HH:MM-HH:MM with the start before the end, e.g. 09:00-18:00";
	} else if (!strcmp(key, "voice")) {
		if (parse_bool(v, &s->voice))
			return "expected on or off";
	} else if (!strcmp(key, "notifications")) {
		if (!strcmp(v, "desktop"))
			s->desktop = true;
		else if (!strcmp(v, "terminal"))
			s->desktop = false;
		else
			return "expected desktop or terminal";
	} else if (!strcmp(key, "focus")) {
		if (parse_focus(v, &s->focus, &s->focus_auto))
			return "expected auto, none, or chest and/or breathing";
	} else if (!strcmp(key, "idle")) {
		int i = name_index(presence_idle_names, v);
		if (i < 0)
			return "expected auto, mutter, wayland, x11, logind or off";
		s->idle = (enum presence_idle)i;
	} else if (!strcmp(key, "do_not_disturb")) {
		if (parse_bool(v, &s->dnd))
			return "expected on or off";
	} else if (!strcmp(key, "emergency_number")) {
		size_t n = strlen(v), digits = 0;
		for (size_t i = 0; i < n; i++) {
			if (!isdigit((unsigned char)v[i]) && !strchr("+ -", v[i]))
				return "expected a phone number such as 112, 911, 999 or 000";
			digits += isdigit((unsigned char)v[i]) != 0;
		}
		if (!digits || n >= sizeof(s->emergency))
			return "expected a phone number such as 112, 911, 999 or 000";
		snprintf(s->emergency, sizeof(s->emergency), "%s", v);
	} else if (!strcmp(key, "routine")) {
		if (!*v || strlen(v) >= sizeof(s->routine))
			return "expected a routine id";
		snprintf(s->routine, sizeof(s->routine), "%s", v);
	} else {
		return "unknown setting";
	}
	return NULL;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
	return s;
}

int breaks_config_parse(const char *name, const char *text, struct breaks_settings *s, struct strbuf *err)
{
	char *copy = xstrdup(text), *save = NULL;
	int problems = 0, lineno = 0;
	char *p = copy;
	while (p) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = 0;
		lineno++;
		char *hash = strchr(p, '#');
		if (hash)
			*hash = 0;
		char *line = trim(p);
		p = nl ? nl + 1 : NULL;
		if (!*line)
			continue;
		char *eq = strchr(line, '=');
		if (!eq) {
			strbuf_addf(err, "%s:%d: expected KEY = VALUE\n", name, lineno);
			problems++;
			continue;
		}
		*eq = 0;
		char *key = trim(line), *val = trim(eq + 1);
		const char *why = apply(s, key, val);
		if (why) {
			strbuf_addf(err, "%s:%d: %s: %s (got '%s')\n", name, lineno, key, why, val);
			problems++;
		}
	}
	(void)save;
	free(copy);
	if (!problems && s->sched.work_days == 0) {
		strbuf_addf(err, "%s: work_days: no work day\n", name);
		problems++;
	}
	return problems;
}

int breaks_config_read(const char *path, struct breaks_settings *s, struct strbuf *err)
{
	if (!path)
		return 0;
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		strbuf_addf(err, "%s: cannot read: %s\n", path, strerror(errno));
		return 1;
	}
	struct strbuf text = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0 && text.len < (1 << 20))
		strbuf_add(&text, buf, n);
	fclose(f);
	int rc = breaks_config_parse(path, strbuf_str(&text), s, err);
	strbuf_release(&text);
	return rc;
}

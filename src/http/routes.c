/* routes.c: the one table of everything the server answers: method, path, handler, who
 * may call it (the access column: tests/unit/http/test_http_matrix.c fails on a row
 * that does not say), the largest body, the fields it takes, and whether its answer depends on
 * the content alone (ROUTE_CACHED: kept in memory after the first request). docs/api.md is checked against
 * this table (tests/unit/http/test_http_doc.c). A new route is a handler plus one row here. */
#include "http/handler.h"
#include "content/load.h"
#include "app/password.h"
#include "core/pass.h"
#include "http/speech.h"

#define KiB 1024u

static const struct field routines_query[] = {
	{ "module", FIELD_STRING, false, 1, 32, NULL,
	  "only this module's routines: release, activation, breathing, relaxation or posture-break" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

static const struct field exercises_query[] = {
	{ "category", FIELD_STRING, false, 1, 32, NULL,
	  "only this category: release, activation, mobility, breathing, relaxation or posture" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

#define CHECK_TEXT_MAX (256 * KiB)
static const struct field check_body[] = {
	{ "text", FIELD_STRING, true, 1, CHECK_TEXT_MAX, NULL, "the content file (YAML), at most 256 KiB" },
	{ "name", FIELD_STRING, false, 1, 100, NULL, "its file name, shown in the problems (default yours.yaml)" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

/* A check-in (routes-today.c): the same values and limits as `unhunch checkin`. */
#define SCORE(name, about) { name, FIELD_INT, false, 0, 10, NULL, about }
#define CHECKIN_FIELDS \
	{ "date", FIELD_STRING, false, 10, 10, NULL, "the day, YYYY-MM-DD (default today; not in the future)" }, \
	SCORE("pain", "pain overall, 0 (none) to 10 (worst)"), SCORE("headache", "headache, 0 to 10"), \
	SCORE("stiffness", "stiffness, 0 to 10"), SCORE("stress", "stress, 0 to 10"), \
	SCORE("sleep", "sleep quality the night before, 0 (awful) to 10 (great)"), \
	{ "desk_hours", FIELD_NUMBER, false, 0, 24, NULL, "hours at a desk that day, 0 to 24" }, \
	{ "massage", FIELD_BOOL, false, 0, 0, NULL, "a professional massage that day" }, \
	{ "note", FIELD_STRING, false, 0, 8000, NULL, "a note, at most 2000 characters" }
#define REGION_FIELDS \
	SCORE("neck", "pain there, 0 to 10"), SCORE("between-shoulder-blades", "pain there, 0 to 10"), \
	SCORE("upper-back", "pain there, 0 to 10"), SCORE("left-shoulder", "pain there, 0 to 10"), \
	SCORE("right-shoulder", "pain there, 0 to 10"), SCORE("chest", "pain there, 0 to 10")

static const struct field region_fields[] = {
	REGION_FIELDS,
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

static const struct field checkin_body[] = {
	CHECKIN_FIELDS,
	{ "regions", FIELD_OBJECT, false, 0, 0, region_fields, "pain by place on the body map, 0 to 10 each: neck, "
	  "between-shoulder-blades, upper-back, left-shoulder, right-shoulder, chest" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

static const struct field checkin_form[] = {
	CHECKIN_FIELDS,
	REGION_FIELDS,
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

static const struct field checkins_query[] = {
	{ "from", FIELD_STRING, false, 10, 10, NULL, "the first day, YYYY-MM-DD (default 29 days before to)" },
	{ "to", FIELD_STRING, false, 10, 10, NULL, "the last day, YYYY-MM-DD (default today)" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

static const struct field pass_body[] = {
	{ "routine", FIELD_STRING, true, 1, 64, NULL, "the routine about to run" },
	{ "pain", FIELD_INT, false, 0, 10, NULL, "how much it hurts now, 0 to 10 (the gate's pain rule)" },
	{ "resume", FIELD_BOOL, false, 0, 0, NULL, "true when the page resumes a session it has begun" },
	{ "end_running", FIELD_BOOL, false, 0, 0, NULL, "true to end a session running on the computer that has not "
	  "moved on for two hours or more, and start here" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

/* One step of a web session (routes-steps.c): an effect as the engine hands it out
 * (src/wasm/step-json.c); which fields each kind needs is checked by the handler. */
static const struct field step_fields[] = {
	{ "fx", FIELD_STRING, true, 1, 16, NULL, "what it is: set, exercise_end, pain, feel or end" },
	{ "item", FIELD_INT, false, -1, 200, NULL, "the item of the routine, from 0 (-1: a pain report between exercises)" },
	{ "exercise", FIELD_STRING, false, 0, 64, NULL, "the exercise's id" },
	{ "set", FIELD_INT, false, 1, 100, NULL, "set: its number, from 1" },
	{ "side", FIELD_STRING, false, 0, 32, NULL, "set: the side or direction (\"\" when none)" },
	{ "reps_target", FIELD_INT, false, 0, 1000, NULL, "set: the repetitions asked" },
	{ "reps_done", FIELD_INT, false, 0, 1000, NULL, "set, exercise_end: the repetitions done" },
	{ "duration_ms", FIELD_INT, false, 0, 86400000, NULL, "how long it took, in ms" },
	{ "status", FIELD_INT, false, 0, 4, NULL, "exercise_end: 0 done, 1 skipped, 2 stopped; feel: 1 easy, 2 right, "
	  "3 hard, 4 hurt; end: 1 finished, 2 quit, 3 stopped for safety" },
	{ "score", FIELD_INT, false, -1, 10, NULL, "pain: 0 to 10, or -1 for a warning sign" },
	{ "text", FIELD_STRING, false, 0, 1000, NULL, "pain, end: the words the engine said" },
	{ "pain_after", FIELD_INT, false, -1, 10, NULL, "end of a finished session: the pain after it, 0 to 10 "
	  "(-1 or absent: not answered)" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

static const struct field steps_body[] = {
	{ "pass", FIELD_STRING, true, 20, PASS_TOKEN_MAX, NULL, "the pass the session ran under (from the gate)" },
	{ "session", FIELD_STRING, true, 8, 64, NULL, "the page's id of the session (kept when it is resumed)" },
	{ "at_ms", FIELD_NUMBER, false, 0, 1e15, NULL, "when it happened by the page's clock, Unix ms (kept between "
	  "the pass and now)" },
	{ "started_ms", FIELD_NUMBER, false, 0, 1e15, NULL, "when the session began by the page's clock, Unix ms "
	  "(default: when the pass was given)" },
	{ "step", FIELD_OBJECT, true, 0, 0, step_fields, "the step: one effect of the engine" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

/* A warning sign (routes-player.c): nothing needed; with the session's step (a pain
 * report with score -1), its pass and an Idempotency-Key, stored as that step. */
static const struct field warning_body[] = {
	{ "pass", FIELD_STRING, false, 20, PASS_TOKEN_MAX, NULL, "the pass of the session it came up in" },
	{ "session", FIELD_STRING, false, 8, 64, NULL, "the page's id of that session" },
	{ "at_ms", FIELD_NUMBER, false, 0, 1e15, NULL, "when it came up by the page's clock, Unix ms" },
	{ "started_ms", FIELD_NUMBER, false, 0, 1e15, NULL, "when the session began by the page's clock, Unix ms" },
	{ "step", FIELD_OBJECT, false, 0, 0, step_fields, "the step: the engine's pain report with score -1" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

static const struct field sw_query[] = {
	{ "v", FIELD_STRING, false, 1, 64, NULL, "the static files' hash (a new build, a new worker)" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

static const struct field speech_query[] = {
	{ "text", FIELD_STRING, true, 1, SPEECH_TEXT_MAX, NULL, "the words, at most " SPEECH_TEXT_MAX_WORDS " bytes of text" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

/* the safety questions, the web pages (routes-screen.c): question ids come from the content */
static const struct field screen_answers[] = {
	{ FIELD_ANY, FIELD_BOOL, false, 0, 0, NULL, "each question's id: true (yes) or false (no)" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
static const struct field screen_body[] = {
	{ "answers", FIELD_OBJECT, true, 0, 0, screen_answers,
	  "every question of GET /api/v1/screenings by its id, true (yes) or false (no)" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
static const struct field clearance_body[] = {
	{ "note", FIELD_STRING, true, 1, 8000, NULL, "who you saw and what they said, at most 2000 characters" },
	{ "date", FIELD_STRING, false, 0, 10, NULL, "the day you were seen, YYYY-MM-DD (default today)" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

/* the assessment (routes-assess.c): each answer as text, as `unhunch assess` reads it */
#define ASSESS_ANSWER_MAX 300
static const struct field assess_answers[] = {
	{ FIELD_ANY, FIELD_STRING, false, 0, ASSESS_ANSWER_MAX, NULL, "each question's id: the answer as 'unhunch assess' "
	  "takes it (\"8.5\", \"mon-fri\", \"2\" for the second choice, \"y\", \"neck upper-back\"); \"\" skips it" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
static const struct field assess_body[] = {
	{ "answers", FIELD_OBJECT, true, 0, 0, assess_answers,
	  "the answers by question id (GET /api/v1/assessments lists them); a question left out is skipped" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
static const struct field assess_form[] = {
	{ FIELD_ANY, FIELD_STRING, false, 0, ASSESS_ANSWER_MAX, NULL, "each question's id with its answer; a box of "
	  "a question with many answers as id.token: work-days.mon, pain-where.neck" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

/* the plan (routes-plan.c): an exercise of a routine to bring back */
static const struct field plan_item_body[] = {
	{ "routine", FIELD_STRING, true, 1, 64, NULL, "the routine's id" },
	{ "exercise", FIELD_STRING, true, 1, 64, NULL, "the exercise of the routine (the item's own exercise)" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
/* ... and a different exercise offered to take in place of the routine's own */
static const struct field plan_switch_body[] = {
	{ "routine", FIELD_STRING, true, 1, 64, NULL, "the routine's id" },
	{ "exercise", FIELD_STRING, true, 1, 64, NULL, "the exercise offered in place of one of the routine's (an offer's id)" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

/* your data (routes-data.c): a backup to restore, the word that deletes everything */
#define BACKUP_MAX (16u * 1024 * KiB)
static const struct field restore_body[] = {
	{ "backup", FIELD_STRING, true, 1, BACKUP_MAX, NULL, "the backup file's text (JSON, as GET /api/v1/export?format=json "
	  "gives it), at most 16 MiB" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
static const struct field forget_body[] = {
	{ "confirm", FIELD_STRING, true, 0, 32, NULL, "the word delete, typed by the person" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

/* clinic mode's login (routes-login.c) */
static const struct field login_body[] = {
	{ "login", FIELD_STRING, true, 1, 200, NULL, "the login name" },
	{ "password", FIELD_STRING, true, 1, APP_PASSWORD_MAX, NULL, "the password, as typed" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
/* two-step login (routes-2fa.c) */
static const struct field code_body[] = {
	{ "code", FIELD_STRING, true, 1, 16, NULL, "the 6 digits the authenticator app shows" },
	{ "token", FIELD_STRING, false, 1, 128, NULL, "the form's token (or the X-CSRF-Token header): code_token of "
	  "POST /login's answer" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
static const struct field login_code_body[] = {
	{ "code", FIELD_STRING, true, 1, 32, NULL, "the 6 digits the authenticator app shows, or a recovery code" },
	{ "token", FIELD_STRING, false, 1, 128, NULL, "the form's token (or the X-CSRF-Token header): code_token of "
	  "POST /login's answer" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
static const struct field factor_off_body[] = {
	{ "password", FIELD_STRING, true, 1, APP_PASSWORD_MAX, NULL, "the account's password, as typed" },
	{ "code", FIELD_STRING, true, 1, 40, NULL, "the 6 digits the authenticator app shows, or an unused recovery code" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
static const struct field new_codes_body[] = {
	{ "password", FIELD_STRING, true, 1, APP_PASSWORD_MAX, NULL, "the account's password, as typed" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
static const struct field logout_body[] = {
	{ "everywhere", FIELD_BOOL, false, 0, 0, NULL, "true to end every session of the account, on every device" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

/* your account in clinic mode (routes-account.c): a trainer whose access ends, the
 * word that deletes the account */
static const struct field account_end_body[] = {
	{ "trainer", FIELD_INT, true, 2, 1e15, NULL, "the trainer's account id (GET /api/v1/account lists them)" },
	{ "sure", FIELD_BOOL, false, 0, 0, NULL, "the page's form: the box ticked to say the person is sure" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
static const struct field password_body[] = {
	{ "current", FIELD_STRING, true, 1, APP_PASSWORD_MAX, NULL, "the account's password now, as typed" },
	{ "password", FIELD_STRING, true, 1, APP_PASSWORD_MAX, NULL, "the new password" },
	{ "password_again", FIELD_STRING, true, 1, APP_PASSWORD_MAX, NULL, "the new password again" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
static const struct field admin_trainer_form[] = {
	{ "login", FIELD_STRING, true, 1, 64, NULL, "the new trainer's login name: 3 to 64 of a-z, 0-9, . _ - @" },
	{ "name", FIELD_STRING, true, 1, 400, NULL, "the trainer's name, as shown to others" },
	{ "password", FIELD_STRING, true, 1, APP_PASSWORD_MAX, NULL, "the first password, which the trainer changes" },
	{ "password_again", FIELD_STRING, true, 1, APP_PASSWORD_MAX, NULL, "the same password again" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
static const struct field admin_access_form[] = {
	{ "account", FIELD_INT, true, 1, 1e15, NULL, "the account's id, as the page lists it" },
	{ "disable", FIELD_BOOL, true, 0, 0, NULL, "true to disable the account (its sessions end), false to enable it" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
static const struct field admin_typed_form[] = {
	{ "account", FIELD_INT, true, 1, 1e15, NULL, "the account's id, as the page lists it" },
	{ "login", FIELD_STRING, true, 0, 200, NULL, "that account's login name, typed by the admin to confirm" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
static const struct field account_delete_body[] = {
	{ "confirm", FIELD_STRING, true, 0, 32, NULL, "the word delete, typed by the person" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
/* the trainer's forms (routes-trainer.c) and a client's invitation (routes-invite.c) */
static const struct field invite_form[] = {
	{ "name", FIELD_STRING, true, 1, 400, NULL, "the client's name, as the invitation and the account show it" },
	{ "days", FIELD_INT, false, 1, 30, NULL, "how long the link works, 1 to 30 days (default 7)" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
static const struct field accept_form[] = {
	{ "login", FIELD_STRING, true, 1, 200, NULL, "the login name chosen: 3 to 64 of a-z, 0-9, . _ - @" },
	{ "password", FIELD_STRING, true, 1, APP_PASSWORD_MAX, NULL, "the password chosen, at least 8 characters" },
	{ "password_again", FIELD_STRING, true, 1, APP_PASSWORD_MAX, NULL, "the same password again" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
static const struct field prescribe_form[] = {
	{ "item", FIELD_STRING, true, 3, 140, NULL, "the routine and its exercise to change, as ROUTINE:EXERCISE" },
	{ "swap", FIELD_STRING, false, 0, 64, NULL, "another exercise to put in its place (empty: keep it)" },
	{ "add", FIELD_STRING, false, 0, 64, NULL, "an exercise to add as a new step instead (empty: none)" },
	{ "place", FIELD_STRING, false, 0, 140, NULL, "where the new step goes: ROUTINE:end or ROUTINE:before:EXERCISE; ROUTINE:out takes it out" },
	{ "reps", FIELD_INT, false, 0, 1000, NULL, "reps per set (empty: as it is); the rules refuse beyond 1-30" },
	{ "sets", FIELD_INT, false, 0, 100, NULL, "sets (empty: as it is); the rules refuse beyond 1-5" },
	{ "hold", FIELD_INT, false, 0, 3600, NULL, "seconds held in each rep (empty: as it is); refused beyond 30" },
	{ "duration", FIELD_INT, false, 0, 86400, NULL, "seconds of a timed exercise (empty: as it is); refused "
	  "outside 10-600" },
	{ "note", FIELD_STRING, false, 0, 4000, NULL, "words for the client, at most 1000 bytes" },
	{ "accept", FIELD_BOOL, false, 0, 0, NULL, "true: save although the rules warn (the second submit)" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};
#define AREA_BOX(name) { name, FIELD_BOOL, false, 0, 0, NULL, "a box: the " name " was worked" }
static const struct field appointment_form[] = {
	{ "kind", FIELD_STRING, true, 1, 16, NULL, "massage or training" },
	{ "date", FIELD_STRING, false, 0, 10, NULL, "the day it took place, YYYY-MM-DD (default today; not later)" },
	AREA_BOX("chest"), AREA_BOX("ribs"), AREA_BOX("hips"), AREA_BOX("upper-back"), AREA_BOX("neck"),
	{ "note", FIELD_STRING, false, 0, 4000, NULL, "words for the client, at most 1000 bytes" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

static const struct field export_query[] = {
	{ "format", FIELD_STRING, true, 1, 8, NULL, "json (the backup), csv or fhir (the check-ins)" },
	{ NULL, 0, false, 0, 0, NULL, NULL },
};

const struct route routes[] = {
	/* the API */
	{ "GET", "/api/v1/status", api_status, ACCESS_SELF, 0, NULL, ROUTE_API,
	  "the server's version, mode and content, and whether the store opens", NULL, 0 },
	{ "GET", "/api/v1/session", api_session, ACCESS_SELF, 0, NULL, ROUTE_API,
	  "the CSRF token that changes need, and the mode", NULL, ROUTE_ENROL },
	{ "GET", "/api/v1/routines", api_routines, ACCESS_SELF, 0, routines_query, ROUTE_API,
	  "every routine with its exercises and doses, in order of module", NULL, ROUTE_CACHED },
	{ "GET", "/api/v1/routines/{id}", api_routine, ACCESS_SELF, 0, NULL, ROUTE_API,
	  "one routine in full", NULL, ROUTE_CACHED },
	{ "GET", "/api/v1/exercises", api_exercises, ACCESS_SELF, 0, exercises_query, ROUTE_API,
	  "every exercise: purpose, steps, cautions, equipment, easier and harder versions", NULL, ROUTE_CACHED },
	{ "GET", "/api/v1/exercises/{id}", api_exercise, ACCESS_SELF, 0, NULL, ROUTE_API,
	  "one exercise in full, with the routines that use it", NULL, ROUTE_CACHED },
	{ "POST", "/api/v1/content/check", api_content_check, ACCESS_SELF, 1024 * KiB, check_body, ROUTE_API,
	  "check a content file of your own, as 'unhunch validate' does", NULL, 0 },
	{ "GET", "/api/v1/today", api_today, ACCESS_SELF, 0, NULL, ROUTE_API,
	  "the day: what is due, done and skipped, breaks, the last check-in, what the gate says, what to do now",
	  NULL, ROUTE_FRESH },
	{ "GET", "/api/v1/checkins", api_checkins, ACCESS_SELF, 0, checkins_query, ROUTE_API,
	  "the check-ins of a range of days", NULL, 0 },
	{ "POST", "/api/v1/checkins", api_checkin_add, ACCESS_SELF, 32 * KiB, checkin_body, ROUTE_API,
	  "record one day's check-in, as 'unhunch checkin' does", NULL, ROUTE_GROUPED },
	{ "POST", "/api/v1/session/pass", api_session_pass, ACCESS_SELF, 1 * KiB, pass_body, ROUTE_API,
	  "ask the safety gate to start a session in the web player: its answer and a signed pass", NULL, 0 },
	{ "POST", "/api/v1/session/steps", api_session_steps, ACCESS_SELF, 4 * KiB, steps_body, ROUTE_API,
	  "store one step of a web session (a set, an exercise's end, pain, how it felt, the end); needs an "
	  "Idempotency-Key", NULL, 0 },
	{ "POST", "/api/v1/warnings", api_warning, ACCESS_SELF, 4 * KiB, warning_body, ROUTE_API,
	  "a warning sign met in a web session: stored at once (once, with its step when given), and exercise "
	  "waits for a new screen", NULL, 0 },
	{ "GET", "/api/v1/speech", api_speech, ACCESS_SELF, 0, speech_query, ROUTE_API,
	  "words spoken by espeak-ng as a WAV, for a browser without a voice", NULL, 0 },
	/* the pages */
	{ "GET", "/", page_today, ACCESS_SELF, 0, NULL, ROUTE_PAGE,
	  "page: Today, with one button for what to do now", NULL, ROUTE_FRESH },
	{ "GET", "/checkin", page_checkin_form, ACCESS_SELF, 0, NULL, ROUTE_PAGE,
	  "page: the check-in form with the body map", NULL, 0 },
	{ "POST", "/checkin", page_checkin, ACCESS_SELF, 32 * KiB, checkin_form, ROUTE_PAGE,
	  "page: the form's post (works without scripts); saved, it goes on to Today", NULL, ROUTE_FORM },
	{ "GET", "/progress", page_progress, ACCESS_SELF, 0, NULL, ROUTE_PAGE,
	  "page: Progress: the report's charts, the change from the first week, relief, sessions against the "
	  "plan, insights", NULL, ROUTE_FRESH },
	{ "GET", "/library", page_library, ACCESS_SELF, 0, NULL, ROUTE_PAGE, "page: every routine and exercise",
	  NULL, ROUTE_CACHED },
	{ "GET", "/library/routines/{id}", page_routine, ACCESS_SELF, 0, NULL, ROUTE_PAGE, "page: one routine",
	  NULL, ROUTE_CACHED },
	{ "GET", "/library/routines/{id}/play", page_play, ACCESS_SELF, 0, NULL, ROUTE_PAGE,
	  "page: the guided session of a routine in the browser, with the minutes of the plan's session", NULL,
	  ROUTE_FRESH | ROUTE_PLAYER },
	{ "GET", "/library/exercises/{id}", page_exercise, ACCESS_SELF, 0, NULL, ROUTE_PAGE,
	  "page: one exercise", NULL, ROUTE_CACHED },
	{ "GET", "/library/exercises/{id}/picture.svg", exercise_picture, ACCESS_SELF, 0, NULL, ROUTE_STATIC,
	  "an exercise's pictures (SVG), drawn from its poses", NULL, ROUTE_CACHED },
	{ "GET", "/library/check", page_check_form, ACCESS_SELF, 0, NULL, ROUTE_PAGE,
	  "page: a form to check a content file of your own", NULL, ROUTE_CACHED },
	{ "POST", "/library/check", page_check, ACCESS_SELF, 1024 * KiB, check_body, ROUTE_PAGE,
	  "page: the form's result (works without scripts)", NULL, 0 },
	/* the safety questions (routes-screen.c) */
	{ "GET", "/api/v1/screenings", api_screenings, ACCESS_SELF, 0, NULL, ROUTE_API,
	  "the safety questions, the latest answers with who to see, and what exercise may do now", NULL, 0 },
	{ "POST", "/api/v1/screenings", api_screening_add, ACCESS_SELF, 16 * KiB, screen_body, ROUTE_API,
	  "answer the safety questions, as 'unhunch screen' does", NULL, 0 },
	{ "POST", "/api/v1/screenings/clearance", api_clearance_add, ACCESS_SELF, 32 * KiB, clearance_body,
	  ROUTE_API, "record a clinician's clearance, as 'unhunch screen --clearance' does", NULL, 0 },
	{ "GET", "/screening", page_screening, ACCESS_SELF, 0, NULL, ROUTE_PAGE,
	  "page: the safety questions, the result with who to see, and a clinician's clearance", NULL, 0 },
	{ "POST", "/screening", page_screening_post, ACCESS_SELF, 16 * KiB, screen_answers, ROUTE_PAGE,
	  "page: the questions' form post (a box not ticked is a no); saved, the page shows the result", NULL, 0 },
	{ "POST", "/screening/clearance", page_clearance_post, ACCESS_SELF, 32 * KiB, clearance_body, ROUTE_PAGE,
	  "page: the clearance form's post; refused, the form again with the reason by the field", NULL, ROUTE_FORM },
	/* the assessment (routes-assess.c) */
	{ "GET", "/api/v1/assessments", api_assessments, ACCESS_SELF, 0, NULL, ROUTE_API,
	  "the assessment's questions, the latest profile and the one before, as 'unhunch assess --json'", NULL, 0 },
	{ "POST", "/api/v1/assessments", api_assessment_add, ACCESS_SELF, 16 * KiB, assess_body, ROUTE_API,
	  "answer the assessment, as 'unhunch assess' does: the new profile and what changes in the plan", NULL, 0 },
	{ "GET", "/assessment", page_assessment, ACCESS_SELF, 0, NULL, ROUTE_PAGE,
	  "page: the assessment's questions and the latest profile", NULL, 0 },
	{ "POST", "/assessment", page_assessment_post, ACCESS_SELF, 16 * KiB, assess_form, ROUTE_PAGE,
	  "page: the questions' form post; saved, it goes on to the plan; refused, the form again with every answer",
	  NULL, ROUTE_FORM },
	/* the plan (routes-plan.c) */
	{ "GET", "/api/v1/plan", api_plan, ACCESS_SELF, 0, NULL, ROUTE_API,
	  "the weekly plan with the reason for every part, the dose changes and the doses now, as 'unhunch plan --why'",
	  NULL, 0 },
	{ "GET", "/plan", page_plan, ACCESS_SELF, 0, NULL, ROUTE_PAGE,
	  "page: the plan, the reason for every part and every dose change", NULL, 0 },
	{ "POST", "/api/v1/plan/resume", api_plan_resume, ACCESS_SELF, 1 * KiB, plan_item_body, ROUTE_API,
	  "bring back an exercise paused after pain, through the safety gate, as 'unhunch plan --resume' does", NULL, 0 },
	{ "POST", "/api/v1/plan/back", api_plan_back, ACCESS_SELF, 1 * KiB, plan_item_body, ROUTE_API,
	  "go back to an exercise that runs as another one for now, as 'unhunch plan --back' does", NULL, 0 },
	{ "POST", "/plan/resume", page_plan_resume, ACCESS_SELF, 1 * KiB, plan_item_body, ROUTE_PAGE,
	  "page: the plan's button that brings a paused exercise back; the plan with what was done or why not",
	  NULL, 0 },
	{ "POST", "/plan/back", page_plan_back, ACCESS_SELF, 1 * KiB, plan_item_body, ROUTE_PAGE,
	  "page: the plan's button that goes back to an exercise's own version; the plan with what was done", NULL, 0 },
	{ "POST", "/api/v1/plan/switch", api_plan_switch, ACCESS_SELF, 1 * KiB, plan_switch_body, ROUTE_API,
	  "take a different exercise the plan offers in place of a routine's own, as 'unhunch plan --switch' does", NULL,
	  0 },
	{ "POST", "/plan/switch", page_plan_switch, ACCESS_SELF, 1 * KiB, plan_switch_body, ROUTE_PAGE,
	  "page: the plan's button that takes a different exercise offered; the plan with what was done or why not",
	  NULL, 0 },
	/* progress (routes-progress.c) */
	{ "GET", "/api/v1/progress", api_progress, ACCESS_SELF, 0, NULL, ROUTE_API,
	  "trends, the change from the first week, relief, adherence and insights, as 'unhunch progress --json'",
	  NULL, ROUTE_FRESH },
	/* history and breaks (routes-history.c) */
	{ "GET", "/api/v1/history", api_history, ACCESS_SELF, 0, NULL, ROUTE_API,
	  "every session with what was done in it, and the massages, as 'unhunch history --json'", NULL, 0 },
	{ "GET", "/api/v1/breaks/stats", api_breaks_stats, ACCESS_SELF, 0, NULL, ROUTE_API,
	  "break reminders counted, today and the last 7 days, as 'unhunch breaks stats --json'", NULL, 0 },
	{ "GET", "/history", page_history, ACCESS_SELF, 0, NULL, ROUTE_PAGE,
	  "page: every session, newest first, with what was done and pain before and after", NULL, 0 },
	{ "GET", "/breaks", page_breaks, ACCESS_SELF, 0, NULL, ROUTE_PAGE,
	  "page: break reminders shown, taken, postponed and skipped, today and this week", NULL, 0 },
	/* your data (routes-data.c) */
	{ "GET", "/api/v1/export", api_export, ACCESS_SELF, 0, export_query, ROUTE_API,
	  "a download: the JSON backup, or the check-ins as CSV or FHIR, as 'unhunch export'", NULL, 0 },
	{ "GET", "/api/v1/plan.ics", api_plan_ics, ACCESS_SELF, 0, NULL, ROUTE_API,
	  "a download: the plan's next 4 weeks as a calendar, as 'unhunch plan --ics'", NULL, 0 },
	{ "POST", "/api/v1/restore", api_restore, ACCESS_SELF, BACKUP_MAX + 64 * KiB, restore_body, ROUTE_API,
	  "restore a JSON backup into an empty store, as 'unhunch import' does", NULL, 0 },
	{ "POST", "/api/v1/forget", api_forget, ACCESS_SELF, 1 * KiB, forget_body, ROUTE_API,
	  "delete every record, as 'unhunch forget --all' does, when confirm is the word delete", NULL, 0 },
	{ "GET", "/data", page_data, ACCESS_SELF, 0, NULL, ROUTE_PAGE,
	  "page: Your data, with the downloads, restoring a backup and deleting everything", NULL, 0 },
	{ "POST", "/data/restore", page_restore_post, ACCESS_SELF, BACKUP_MAX + 64 * KiB, restore_body, ROUTE_PAGE,
	  "page: the restore form's post (a file, multipart/form-data); the page with what was restored or why not",
	  NULL, ROUTE_FORM },
	{ "POST", "/data/forget", page_forget_post, ACCESS_SELF, 1 * KiB, forget_body, ROUTE_PAGE,
	  "page: the delete form's post; only with the word delete typed", NULL, ROUTE_FORM },
	{ "GET", "/data/audit", page_audit, ACCESS_SELF, 0, NULL, ROUTE_PAGE,
	  "page: who looked at or changed your records (your trainer, an admin), what and when: the audit log",
	  NULL, 0 },
	/* a trainer's page of a client (routes-clients.c): 404 for anyone but their trainer */
	{ "GET", "/clients/{id}", page_client, ACCESS_CLIENT_TRAINER, 0, NULL, ROUTE_PAGE,
	  "page (clinic mode): a client's Progress page as they see it, their prescriptions and recent sessions, for "
	  "their trainer; written to the client's audit log", NULL, ROUTE_CLINIC },
	{ "GET", "/api/v1/clients/{id}", api_client, ACCESS_CLIENT_TRAINER, 0, NULL, ROUTE_API,
	  "a client's progress (as GET /api/v1/progress), prescriptions and recent sessions, for their trainer "
	  "(clinic mode); written to the client's audit log", NULL, ROUTE_CLINIC },
	/* clinic mode's login (routes-login.c) */
	{ "GET", "/login", page_login, ACCESS_PUBLIC, 0, NULL, ROUTE_PAGE,
	  "page: clinic mode's login form (404 in local mode)", NULL, ROUTE_CLINIC },
	{ "POST", "/login", page_login_post, ACCESS_PUBLIC, 16 * KiB, login_body, ROUTE_PAGE,
	  "log in (clinic mode): a new session and its cookie; a form goes on to Today, JSON gets the account and "
	  "the session's CSRF token; with two-step login on, only a login that waits for the code (a cookie of its "
	  "own; a form goes on to /login/code, JSON gets code_needed and code_token)", NULL, ROUTE_CLINIC },
	{ "POST", "/logout", page_logout_post, ACCESS_SELF, 1 * KiB, logout_body, ROUTE_PAGE,
	  "log out (clinic mode): this session, or with everywhere every session of the account", NULL,
	  ROUTE_CLINIC | ROUTE_ENROL },
	/* two-step login (routes-2fa.c) */
	{ "GET", "/login/code", page_login_code, ACCESS_PUBLIC, 0, NULL, ROUTE_PAGE,
	  "page: the login's second step, the code of an authenticator app (without a login waiting for one: the "
	  "login form, saying so)", NULL, ROUTE_CLINIC },
	{ "POST", "/login/code", page_login_code_post, ACCESS_PUBLIC, 1 * KiB, login_code_body, ROUTE_PAGE,
	  "the login's second step: the code; right, the session and its cookie, as POST /login gives them; wrong, "
	  "used already or outside the window, one answer (401 code_failed), counted by the login's throttle", NULL,
	  ROUTE_CLINIC | ROUTE_FORM },
	{ "GET", "/account/2fa", page_account_2fa, ACCESS_SELF, 0, NULL, ROUTE_PAGE,
	  "page: two-step login (clinic mode): set it up (the key as text in groups of four and as an otpauth:// "
	  "link, then the first code), or turn it off; a trainer or admin the server requires it of reaches only "
	  "this page and logging out until it is on", NULL, ROUTE_CLINIC | ROUTE_ENROL },
	{ "POST", "/account/2fa/start", page_account_2fa_start, ACCESS_SELF, 1 * KiB, NULL, ROUTE_PAGE,
	  "page: a new key for two-step login (in place of one still waiting for its first code); the page shows it",
	  NULL, ROUTE_CLINIC | ROUTE_ENROL },
	{ "POST", "/account/2fa/confirm", page_account_2fa_confirm, ACCESS_SELF, 1 * KiB, code_body, ROUTE_PAGE,
	  "page: the first code from the app: right, two-step login is on; wrong, the page again with why", NULL,
	  ROUTE_CLINIC | ROUTE_ENROL | ROUTE_FORM },
	{ "POST", "/account/2fa/off", page_account_2fa_off, ACCESS_SELF, 4 * KiB + APP_PASSWORD_MAX, factor_off_body,
	  ROUTE_PAGE, "page: turn two-step login off with the password and a code of the app or an unused recovery "
	  "code (refused where the server requires it of the role); failures count in the login's throttle", NULL,
	  ROUTE_CLINIC | ROUTE_FORM },
	{ "POST", "/account/2fa/codes", page_account_2fa_codes, ACCESS_SELF, 4 * KiB + 3 * APP_PASSWORD_MAX,
	  new_codes_body, ROUTE_PAGE, "page: new recovery codes with the password, in place of the old ones (used or "
	  "not), shown once; a wrong password counts in the login's throttle", NULL, ROUTE_CLINIC | ROUTE_FORM },
	/* your account in clinic mode (routes-account.c) */
	{ "GET", "/api/v1/account", api_account, ACCESS_SELF, 0, NULL, ROUTE_API,
	  "clinic mode: the logged-in account and the trainers who see its records", NULL, ROUTE_CLINIC },
	{ "POST", "/api/v1/account/trainers/end", api_account_trainer_end, ACCESS_SELF, 1 * KiB, account_end_body,
	  ROUTE_API, "clinic mode: end a trainer's access to your records, as 'unhunch clinic unlink' does", NULL,
	  ROUTE_CLINIC },
	{ "POST", "/api/v1/account/delete", api_account_delete, ACCESS_SELF, 1 * KiB, account_delete_body, ROUTE_API,
	  "clinic mode: delete your account and everything of it when confirm is the word delete, as 'unhunch clinic "
	  "delete-account' does", NULL, ROUTE_CLINIC },
	{ "GET", "/account", page_account, ACCESS_SELF, 0, NULL, ROUTE_PAGE,
	  "page: Your account (clinic mode): your trainers with a button that ends their access, and deleting the "
	  "account", NULL, ROUTE_CLINIC },
	{ "POST", "/account/trainers/end", page_account_trainer_end, ACCESS_SELF, 1 * KiB, account_end_body, ROUTE_PAGE,
	  "page: the End access button's post, with its box ticked; the page with what was done", NULL,
	  ROUTE_CLINIC | ROUTE_FORM },
	{ "POST", "/account/password", page_account_password, ACCESS_SELF, 4 * KiB + 9 * APP_PASSWORD_MAX, password_body,
	  ROUTE_PAGE, "page: change the password (the current one, the new one twice); wrong current ones count in the "
	  "login's throttle; then every login of the account ends, this one too", NULL, ROUTE_CLINIC | ROUTE_FORM },
	{ "POST", "/account/delete", page_account_delete, ACCESS_SELF, 1 * KiB, account_delete_body, ROUTE_PAGE,
	  "page: the delete form's post; only with the word delete typed; then logged out", NULL,
	  ROUTE_CLINIC | ROUTE_FORM },
	/* an admin's page of the clinic's accounts (routes-admin.c) */
	{ "GET", "/clinic/admin", page_admin, ACCESS_ADMIN, 0, NULL, ROUTE_PAGE,
	  "page: the clinic's accounts for an admin (admins, trainers with their clients' count, clients with their "
	  "trainer), a button that disables or enables each, and a form that adds a trainer", NULL, ROUTE_CLINIC },
	{ "POST", "/clinic/admin/trainers", page_admin_trainer_post, ACCESS_ADMIN, 4 * KiB + 6 * APP_PASSWORD_MAX,
	  admin_trainer_form, ROUTE_PAGE, "page: add a trainer with a first password, as 'unhunch clinic add-trainer' "
	  "does", NULL, ROUTE_CLINIC | ROUTE_FORM },
	{ "POST", "/clinic/admin/access", page_admin_access_post, ACCESS_ADMIN, 1 * KiB, admin_access_form, ROUTE_PAGE,
	  "page: disable an account (its sessions end at once) or enable it, as 'unhunch clinic disable' and "
	  "'enable' do", NULL, ROUTE_CLINIC | ROUTE_FORM },
	{ "POST", "/clinic/admin/reset-2fa", page_admin_reset_2fa_post, ACCESS_ADMIN, 1 * KiB, admin_typed_form,
	  ROUTE_PAGE, "page: turn off another person's two-step login (a lost phone) after typing their login name, "
	  "as 'unhunch clinic reset-2fa' does: their logins end, their audit log names the admin", NULL,
	  ROUTE_CLINIC | ROUTE_FORM },
	{ "POST", "/clinic/admin/delete", page_admin_delete_post, ACCESS_ADMIN, 1 * KiB, admin_typed_form, ROUTE_PAGE,
	  "page: delete another person's account and everything of it after typing its login name, as 'unhunch "
	  "clinic delete-account' does (never the clinic's last admin, never one's own here)", NULL,
	  ROUTE_CLINIC | ROUTE_FORM },
	/* the trainer's dashboard (routes-clinic-dash.c) */
	{ "GET", "/clinic", page_clinic, ACCESS_TRAINER, 0, NULL, ROUTE_PAGE,
	  "page: the trainer's dashboard: every client, what needs attention first (404 in local mode)", NULL,
	  ROUTE_CLINIC },
	{ "GET", "/api/v1/clinic/dashboard", api_clinic_dashboard, ACCESS_TRAINER, 0, NULL, ROUTE_API,
	  "the trainer's dashboard: every client in the order of attention, with adherence, pain by region, "
	  "feel ratings and the change from the first week", NULL, ROUTE_CLINIC },
	/* the trainer's forms (routes-trainer.c): a client's number in the path must be one
	 * of the trainer's own (anyone else's, or no one's, 404) */
	{ "GET", "/clinic/invite", page_trainer_invite, ACCESS_TRAINER, 0, NULL, ROUTE_PAGE,
	  "page: invite a client (their name, how long the link works), and the trainer's clients with their forms",
	  NULL, ROUTE_CLINIC },
	{ "POST", "/clinic/invite", page_trainer_invite_post, ACCESS_TRAINER, 4 * KiB, invite_form, ROUTE_PAGE,
	  "page: the invitation made: its single-use link, shown this once", NULL, ROUTE_CLINIC | ROUTE_FORM },
	{ "GET", "/clinic/clients/{client}/prescribe", page_trainer_prescribe, ACCESS_TRAINER, 0, NULL, ROUTE_PAGE,
	  "page: prescribe for a client of yours: an exercise's dose, another in its place, a note; their "
	  "prescriptions so far", NULL, ROUTE_CLINIC },
	{ "POST", "/clinic/clients/{client}/prescribe", page_trainer_prescribe_post, ACCESS_TRAINER, 8 * KiB,
	  prescribe_form, ROUTE_PAGE, "page: the prescription checked as 'unhunch clinic prescribe' does: saved; a "
	  "warning with the usual range and an accept-anyway button (nothing saved yet); or refused with the limit",
	  NULL, ROUTE_CLINIC | ROUTE_FORM },
	{ "GET", "/clinic/clients/{client}/appointment", page_trainer_appointment, ACCESS_TRAINER, 0, NULL, ROUTE_PAGE,
	  "page: record an appointment with a client of yours (massage or training, the day, the areas worked)", NULL,
	  ROUTE_CLINIC },
	{ "POST", "/clinic/clients/{client}/appointment", page_trainer_appointment_post, ACCESS_TRAINER, 8 * KiB,
	  appointment_form, ROUTE_PAGE, "page: the appointment recorded, as 'unhunch clinic appointment' does; "
	  "refused, the form again with why", NULL, ROUTE_CLINIC | ROUTE_FORM },
	/* a client's invitation (routes-invite.c): the link is the key, no login yet */
	{ "GET", "/invite/{token}", page_invite, ACCESS_PUBLIC, 0, NULL, ROUTE_PAGE,
	  "page: an invitation's link: the form to choose a login name and a password, or why the link no longer "
	  "works (used, expired, unknown)", NULL, ROUTE_CLINIC },
	{ "POST", "/invite/{token}", page_invite_post, ACCESS_PUBLIC, 16 * KiB, accept_form, ROUTE_PAGE,
	  "accept an invitation: the account is made and linked to the trainer, and the link is spent, together; "
	  "then log in", NULL, ROUTE_CLINIC | ROUTE_FORM },
	/* the files of web/static */
	{ "GET", "/sw.js", service_worker, ACCESS_PUBLIC, 0, sw_query, ROUTE_STATIC,
	  "the web player's service worker: keeps what a session needs, for a session with the server away", NULL, 0 },
	{ "GET", "/static/{hash}/{name}", static_file, ACCESS_PUBLIC, 0, NULL, ROUTE_STATIC,
	  "a style sheet, script or icon; cached for a year (the hash changes with the files)", NULL, 0 },
	{ NULL, NULL, NULL, 0, 0, NULL, 0, NULL, NULL, 0 },
};

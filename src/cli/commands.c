/* commands.c: the one table of subcommands, and the helpers every command uses for usage. */
#include "cli.h"
#include "core/strbuf.h"
#include <stdarg.h>
#include <string.h>

const struct command commands[] = {
	{ "start", "guide a session of a routine, hands-free",
	  "usage: unhunch start [options] [ROUTINE]\n\n"
	  "Guides you through a routine (default: what your plan has due today, else\n"
	  DEFAULT_ROUTINE ") with spoken cues and a full-screen countdown, so you\n"
	  "never need to look at the screen. It asks how much it\n"
	  "hurts before and after. Every finished set is saved at once; if the program is\n"
	  "stopped, 'unhunch start' offers to resume at the exercise in progress.\n\n"
	  "Keys: space pause/resume, n or right skip, b or left back, enter rep done,\n"
	  "      h it hurts (type 0-10), d: dizzy or another warning sign, q quit (saves);\n"
	  "      after each exercise: 1 easy, 2 right, 3 hard (no answer: it goes on)\n\n"
	  "  --plain            one line per cue instead of the full screen; when input is not\n"
	  "                     a terminal, reads commands line by line: pause, resume, skip,\n"
	  "                     back, done, hurt N, dizzy, easy, right, hard, quit\n"
	  "  --no-voice         no speech (no bell either)\n"
	  "  --pace PACE        timed (the program counts every rep), self (a key per rep) or\n"
	  "                     content (as the routine says; the default)\n"
	  "  --pain N           pain before starting, 0-10, instead of asking\n"
	  "  --resume, --fresh  answer the resume question in advance\n"
	  "  --speak-to FILE    write the speech to a WAV file instead of the speakers\n"
	  "  --cue-log FILE     write each timer wake (scheduled and actual, ns) for benchmarks\n\n"
	  "Safety: start, a resume and every other way into exercise pass one gate: the safety\n"
	  "questions first (and again when due), no exercise while a warning sign is open (it\n"
	  "says who to see), the gentle way (half doses, no neck stretches) during a flare-up\n"
	  "or after a routine screen answer. Each exercise's cautions are spoken before it.\n"
	  "Press d (or type 'dizzy') for dizziness or any sign like it: the session ends at\n"
	  "once, and the head-over-the-edge neck exercise stays locked until a clearance.\n\n"
	  "On a terminal 100 columns wide or more, a small braille figure of the exercise\n"
	  "moves beside the text with the cues (not with --plain).\n\n"
	  "Pain rules: pain above 5 out of 10, or 2 points above where you started, stops the\n"
	  "exercise and offers an easier version; 8 or more ends the session. 8 or more before\n"
	  "allows only a gentle routine. Pain after 2 or more above the start, or 6 or more,\n"
	  "lowers the next dose. NO_COLOR turns colours off.\n",
	  cmd_start },
	{ "screen", "safety questions: signs that need a doctor instead of exercise",
	  "usage: unhunch screen [--status [--json] | --clearance TEXT [--date YYYY-MM-DD]]\n\n"
	  "Asks yes/no questions about warning signs (heart, stroke and neck arteries, injury,\n"
	  "nerves and spinal cord, cancer, infection, inflammation, the shoulder) and says who\n"
	  "to see and how soon. It is a safety net, not a diagnosis. It is asked before your\n"
	  "first session, and again before any exercise every four weeks, after new chest pain,\n"
	  "a first severe headache, pain in a new place, a jump in pain or a flare-up. While an\n"
	  "answer needs a doctor today or within days, exercise waits until you record a\n"
	  "clinician's clearance; a routine answer runs sessions the gentle way until then; an\n"
	  "emergency answer is never cleared here: answer again once you are well.\n"
	  "The head-over-the-edge neck exercise is only used after every neck question is no\n"
	  "(each asked on its own); a yes to one, now or ever, or to a question about the spinal\n"
	  "cord, nerves, cancer, weak bones or inflamed joints, or a warning sign during\n"
	  "exercise, locks it until a clearance recorded after it.\n\n"
	  "  --status          the last result, and whether exercise is allowed\n"
	  "  --json            the status as JSON\n"
	  "  --clearance TEXT  record that a clinician has seen you: who, and what they said\n"
	  "                    (a few words: \"Dr Rossi, GP: no concern, exercise is fine\")\n"
	  "  --date DATE       the day you were seen (default today): on or after the screen\n\n"
	  "Set your emergency number in $XDG_CONFIG_HOME/unhunch/config: emergency_number = 112\n",
	  cmd_screen },
	{ "history", "list past sessions",
	  "usage: unhunch history [--json]\n\n"
	  "Lists sessions, oldest first: date, routine, duration, exercises done and skipped,\n"
	  "pain before and after, and pain reported during the session.\n\n"
	  "  --json    print as JSON, with every set, exercise and pain report\n",
	  cmd_history },
	{ "assess", "questions on your work, posture, stress and pain, for a plan that fits",
	  "usage: unhunch assess [--show] [--json]\n\n"
	  "Asks about desk hours and breaks, slouching, a chest self-test, hips, stress,\n"
	  "breathing, headaches and where it hurts, one answer a line (a script can pipe\n"
	  "the answers in; an empty line skips a question). The answers give a profile of\n"
	  "five likely contributors, each none, mild, moderate or strong with its reason, saved with\n"
	  "today's date; 'unhunch plan' builds on the latest one.\n\n"
	  "  --show    print the latest profile instead of asking\n"
	  "  --json    the latest profile and its answers as JSON\n",
	  cmd_assess },
	{ "plan", "your weekly plan, today's part of it, and why",
	  "usage: unhunch plan [--why | --json]\n"
	  "       unhunch plan --ics [-o FILE]\n"
	  "       unhunch plan --feedback EXERCISE=FEELING... [--pain-during N] [--date DATE]\n"
	  "       unhunch plan --resume EXERCISE\n"
	  "       unhunch plan --back EXERCISE\n"
	  "       unhunch plan --switch EXERCISE\n\n"
	  "The weekly plan from your latest assessment and safety screen: which routines, on\n"
	  "which days, about how long, and what is due today. After a flare-up (a check-in 2\n"
	  "or more points above the week before) the plan is gentle until pain is back within\n"
	  "1 point. Doses adapt from how each exercise felt, pain during the session and pain\n"
	  "the next morning: up after two good sessions, down at once when something hurt.\n\n"
	  "  --why              the reason for each part, your profile, every dose change\n"
	  "  --json             all of it as JSON\n"
	  "  --ics              the next 4 weeks as an iCalendar file (stdout, or FILE with -o)\n"
	  "  --feedback EX=F    how an exercise felt: easy, right, hard or hurt (repeatable)\n"
	  "  --pain-during N    the highest pain during that session, 0 to 10\n"
	  "  --date DATE        the session's day, YYYY-MM-DD (default today; from 1900,\n"
	  "                     not in the future)\n"
	  "  --routine ID       the routine of --feedback, --resume, --back and --switch\n"
	  "                     (default upper-back-activation)\n"
	  "  --resume EX        bring back an exercise that was paused (through the safety gate:\n"
	  "                     a warning-sign pause needs a clinician's clearance first)\n"
	  "  --back EX          go back from a different exercise to the routine's own, at\n"
	  "                     its starting dose (plan --why lists any)\n"
	  "  --switch EX        run a different exercise in place of a routine's one, where\n"
	  "                     plan --why offers it (only at the top of the exercise's steps)\n",
	  cmd_plan },
	{ "breaks", "workday break coach: posture resets at sensible intervals",
	  "usage: unhunch breaks [--no-voice] [--terminal] [--reminders N]\n"
	  "       unhunch breaks stats [--json]\n"
	  "       unhunch breaks play EXERCISE [--move] [--no-voice]\n"
	  "       unhunch breaks install | uninstall\n\n"
	  "Runs in the foreground and reminds you, during work hours only, to take a short\n"
	  "posture reset every 30 minutes of work (one exercise from the posture-breaks\n"
	  "routine, in turn; chest openers or breathing resets more often when your\n"
	  "assessment found a tight chest or high stress) and a 5-minute movement break\n"
	  "every hour. Reminders are desktop notifications with Start, In 5 min and Skip\n"
	  "where the desktop offers them (a click on one starts the reset, closing it\n"
	  "skips); without one, a bell and a line here, answered by typing start, later\n"
	  "or skip. Start guides the reset like 'unhunch start': here, or in a terminal\n"
	  "window of its own when the coach runs as a service ($UNHUNCH_TERMINAL, else\n"
	  "x-terminal-emulator). Nothing locks your screen. Reminders and resets pass the\n"
	  "same safety gate as 'start': while exercise is not allowed, a reminder is a plain\n"
	  "one that says why, without Start; 'play' offers only the posture-break resets.\n\n"
	  "Away from the desk (no input for away_after) the timers pause, and a pause as\n"
	  "long as a break counts as one taken. Idle comes from GNOME's idle monitor,\n"
	  "Wayland's ext-idle-notify, X11 or logind, the first there is; without one the\n"
	  "timers run on the clock. A due reminder is postponed while the desktop is in\n"
	  "do-not-disturb (dunst paused, KDE, GNOME banners off) or a window is full screen\n"
	  "(X11). The coach sleeps until the next deadline or desktop event: no polling.\n\n"
	  "  --no-voice       no speech during a reset\n"
	  "  --terminal       no desktop notifications: bell and a line only\n"
	  "  --reminders N    stop after N reminders were answered or let go\n"
	  "  stats [--json]   reminders shown, taken, taken naturally, postponed and skipped,\n"
	  "                   today and over the last 7 days\n"
	  "  play EXERCISE    guide one reset now (--move: as a movement break)\n"
	  "  install          run the coach as a systemd user service, now and at each login\n"
	  "  uninstall        stop it and remove the service\n\n"
	  "Settings, in $XDG_CONFIG_HOME/unhunch/config (default ~/.config), KEY = VALUE:\n"
	  "  micro_every = 30m   micro_length = 1m   move_every = 60m   move_length = 5m\n"
	  "  postpone = 5m       away_after = 1m     answer_within = 2m\n"
	  "  work_days = mon-fri work_hours = 09:00-18:00\n"
	  "  mode = normal       (notify-only: no buttons; strict: skips_per_day = 2)\n"
	  "  focus = auto        (from your assessment; none; or chest and/or breathing)\n"
	  "  idle = auto         (mutter, wayland, x11, logind, off)\n"
	  "  do_not_disturb = on\n"
	  "  notifications = desktop|terminal   voice = on|off   routine = posture-breaks\n"
	  "  emergency_number = 112 (named in every safety message)\n"
	  "Durations take s, m or h. A bad value is reported as file:line and nothing starts.\n",
	  cmd_breaks },
	{ "checkin", "record how you are today: pain by region, headache, stress, desk hours",
	  "usage: unhunch checkin [options]\n\n"
	  "With no options, asks each question in turn (enter skips one); scripts and paper\n"
	  "diaries use the options. Several check-ins a day are fine: trends use each day's\n"
	  "mean. Values out of range, malformed or unknown are refused and nothing is saved.\n\n"
	  "  --pain N              pain overall, 0 (none) to 10 (worst)\n"
	  "  --region NAME=N       pain in one region (repeat): neck, between-shoulder-blades,\n"
	  "                        upper-back, left-shoulder, right-shoulder, chest\n"
	  "  --headache N          headache, 0-10\n"
	  "  --stiffness N         stiffness, 0-10\n"
	  "  --stress N            stress, 0-10\n"
	  "  --sleep N             sleep quality last night, 0 (awful) to 10 (great)\n"
	  "  --desk-hours H        hours at a desk today, 0-24 (7.5 or 7,5)\n"
	  "  --massage, --no-massage   whether you had a professional massage today\n"
	  "  --note TEXT           a note, at most 2000 characters\n"
	  "  --date YYYY-MM-DD     the day it is for (to copy a paper diary; from 1900, not in\n"
	  "                        the future); alone, it asks the questions about that day\n"
	  "Each option is given once (a region once each). Text must be UTF-8 without control\n"
	  "characters (a note may have line breaks).\n\n"
	  "Weekly functional scale (Patient-Specific Functional Scale): name up to 3 activities\n"
	  "your pain makes hard, then rate each week how well you can do them, 0 (not at all)\n"
	  "to 10 (as before the pain). Asked weekly when you check in by questions.\n"
	  "  --psfs-add NAME       follow an activity (at most 3 in all)\n"
	  "  --psfs NAME=N         rate an activity for the day\n",
	  cmd_checkin },
	{ "progress", "trends, change from baseline, lasting relief, adherence, insights",
	  "usage: unhunch progress [--json]\n\n"
	  "From your check-ins and sessions: the 7-day mean pain with a sparkline per region over\n"
	  "the last 8 weeks (or the span you rated, when those weeks hold none); change from your\n"
	  "first week to your latest week with ratings, with their dates, and whether it is a\n"
	  "clinically meaningful improvement (down at least 2 points and at least 30 %); the same for the\n"
	  "functional scale (up at least 2 points); lasting relief (days with pain 2 or less in\n"
	  "the last 28, flare-ups since you first improved); sessions per week and your streak;\n"
	  "headache days per week; and personal insights, each with its 95 % confidence interval\n"
	  "and n, shown only with at least 14 days in each group compared.\n\n"
	  "  --json    print it as JSON\n",
	  cmd_progress },
	{ "report", "write a one-file HTML report to show your therapist",
	  "usage: unhunch report -o FILE\n\n"
	  "Writes one HTML file that opens in any browser without a network connection (no\n"
	  "scripts; charts and styles are inside the file) and prints well. It shows pain by\n"
	  "region over the last 8 weeks, the first week against the last 7 days with the\n"
	  "verdict on a clinically meaningful change (at least 2 points and at least 30 %\n"
	  "lower), how many recent days had little or no pain, flare-ups, sessions and streak,\n"
	  "headache days, your everyday activities (PSFS) and their ratings, what goes with\n"
	  "less pain (each with its 95 % interval and n, or 'not enough data yet'), your notes\n"
	  "and the safety screen. It is a self-care record, not a diagnosis.\n\n"
	  "  -o, --output FILE  where to write it; an existing file is replaced only once the\n"
	  "                     new one is complete\n\n"
	  "Exit status: 0 when written, 1 when the file cannot be written, 2 for a usage error.\n",
	  cmd_report },
	{ "export", "export your data as CSV, JSON (a full backup) or FHIR",
	  "usage: unhunch export --format csv|json|fhir [-o FILE]\n\n"
	  "Writes to standard output, or to FILE (created readable only by you).\n\n"
	  "  --format csv   your check-ins as one table for a spreadsheet: date, time, pain,\n"
	  "                 each region, headache, stiffness, stress, sleep, desk_hours,\n"
	  "                 massage, note (RFC 4180 quoting; empty where not given)\n"
	  "  --format json  everything, as a backup for 'unhunch import': sessions with their\n"
	  "                 exercises, sets and pain reports, check-ins, safety screenings,\n"
	  "                 clearances and the functional scale\n"
	  "  --format fhir  your check-ins as a FHIR R4 Bundle of Observations for a clinic's\n"
	  "                 system: pain scores coded LOINC 72514-3 with the body site (SNOMED\n"
	  "                 CT where a code exists), the other scores with a text code.\n"
	  "                 Notes are left out; no name or other identity is included.\n"
	  "  -o FILE        write to FILE instead of standard output\n",
	  cmd_export },
	{ "import", "restore a JSON backup made by export",
	  "usage: unhunch import FILE.json\n\n"
	  "Restores a backup made by 'unhunch export --format json' into an empty store (on a\n"
	  "new computer, or after 'unhunch forget --all'); it never merges into existing data.\n"
	  "The whole file is checked first: every problem is reported with its place in the\n"
	  "file (e.g. checkins[3].pain) and then nothing is imported.\n",
	  cmd_import },
	{ "forget", "delete all your data (after a typed confirmation)",
	  "usage: unhunch forget --all\n\n"
	  "Deletes every session, check-in, screening, clearance and functional-scale rating,\n"
	  "and compacts the database so no deleted record stays in the file. You are asked to\n"
	  "type the word delete; anything else deletes nothing. Your content files are kept.\n"
	  "While another program still reads the old data, the records are deleted but their old\n"
	  "copies stay in the file: it says so (exit status 1), and running it again finishes.\n\n"
	  "  --all    required: forget deletes everything or nothing\n",
	  cmd_forget },
	{ "serve", "the program as a web app in your browser, on this computer only",
	  "usage: unhunch serve [--clinic [--tls-cert FILE --tls-key FILE | --trusted-proxy ADDRESS]\n"
	  "                      [--host NAME]... [--second-factor optional]] [--listen ADDRESS]\n"
	  "                      [--open] [--timeout SECONDS]\n\n"
	  "Serves unhunch to your web browser: the pages and a JSON API under /api/v1/, on\n"
	  "this computer only (local mode: no accounts, so nothing else may reach it). It\n"
	  "uses the same data as the terminal, at the same time. Ctrl-C stops it after the\n"
	  "requests in progress.\n\n"
	  "  --clinic           clinic mode, for a store with clinic accounts (unhunch clinic):\n"
	  "                     each person logs in at /login and sees only their own data;\n"
	  "                     sessions end after 30 idle minutes or 12 hours. Trainers and\n"
	  "                     admins must use two-step login (a code from an authenticator\n"
	  "                     app): until they set it up they reach only its page\n"
	  "  --second-factor optional\n"
	  "                     clinic mode: two-step login only for those who turn it on\n"
	  "                     (default: required for trainers and admins)\n"
	  "  --tls-cert FILE    clinic mode: serve HTTPS with this certificate chain (PEM)...\n"
	  "  --tls-key FILE     ... and its private key (PEM)\n"
	  "  --trusted-proxy ADDRESS\n"
	  "                     clinic mode behind a reverse proxy that adds TLS: only ADDRESS\n"
	  "                     may connect, and its X-Forwarded-For names the client\n"
	  "  --host NAME        clinic mode: a name the browser uses for the server, as in its\n"
	  "                     address bar (clinic.example, clinic.example:8443); repeatable\n"
	  "  --listen ADDRESS   where to listen (default 127.0.0.1:8750): 127.0.0.1:PORT,\n"
	  "                     [::1]:PORT or localhost:PORT; port 0 takes any free port. Any\n"
	  "                     other address only in clinic mode with TLS or a trusted proxy\n"
	  "  --open             open the address in your default browser (xdg-open)\n"
	  "  --timeout SECONDS  close a connection idle this long, or whose request takes\n"
	  "                     longer to arrive (default 10)\n\n"
	  "Protections: only Host names it listens on (no DNS rebinding); changes only from its\n"
	  "own pages (Origin and a CSRF token); strict security headers; limits on body and\n"
	  "header size, connections and time.\n",
	  cmd_serve },
	{ "clinic", "a clinic's accounts: admins, trainers and their invited clients",
	  "usage: unhunch clinic init --login NAME --name \"FULL NAME\"\n"
	  "       unhunch clinic add-trainer --admin LOGIN --login NAME --name \"FULL NAME\"\n"
	  "       unhunch clinic invite --trainer LOGIN --name \"CLIENT NAME\" [--days N] [--url URL]\n"
	  "       unhunch clinic accept --login NAME\n"
	  "       unhunch clinic list\n"
	  "       unhunch clinic prescribe --trainer LOGIN --client LOGIN --exercise ID\n"
	  "             [--routine ID] [--swap ID] [--reps N] [--sets N] [--hold S]\n"
	  "             [--duration S] [--note TEXT] [--accept-warning]\n"
	  "       unhunch clinic prescribe --trainer LOGIN --client LOGIN --routine ID\n"
	  "             --add ID [--before ID] [--reps N] ... | --take-out ID [--note TEXT]\n"
	  "       unhunch clinic prescriptions --client LOGIN [--trainer LOGIN | --admin LOGIN]\n"
	  "       unhunch clinic appointment --trainer LOGIN --client LOGIN --kind KIND\n"
	  "             [--date YYYY-MM-DD] [--areas LIST] [--note TEXT]\n"
	  "       unhunch clinic trainers --client LOGIN\n"
	  "       unhunch clinic unlink --client LOGIN --trainer LOGIN\n"
	  "       unhunch clinic delete-account --login NAME\n"
	  "       unhunch clinic disable | enable --admin LOGIN --login NAME\n"
	  "       unhunch clinic audit --client LOGIN\n"
	  "       unhunch clinic reset-2fa --login NAME\n\n"
	  "The accounts of a clinic that runs unhunch for its clients (in the store that\n"
	  "UNHUNCH_STORE names, usually PostgreSQL). init makes the first admin, once; an\n"
	  "admin adds trainers; a trainer invites a client with a link that works once and\n"
	  "expires; the client accepts it and chooses a login name and a password; list shows\n"
	  "everyone. Whoever can open the store acts here, naming the admin or trainer.\n\n"
	  "Passwords are asked for without showing them (twice), or read as one line of\n"
	  "standard input; never on the command line. At least 8 characters, up to 4096\n"
	  "bytes, any characters; not one of the most common passwords, the login name or\n"
	  "the person's name. They are kept only as argon2id hashes.\n\n"
	  "  --login NAME    the new account's login name: 3 to 64 of a-z, 0-9, . _ - @\n"
	  "  --name NAME     the person's name, as shown to others\n"
	  "  --admin LOGIN   add-trainer: the admin adding the trainer\n"
	  "  --trainer LOGIN invite: the trainer inviting the client\n"
	  "  --days N        invite: how long the link works, 1 to 30 days (default 7)\n"
	  "  --url URL       invite: the clinic's web address the link starts with\n"
	  "                  (default http://localhost:8750)\n"
	  "accept asks for the invitation's link (or reads it as the first line of standard\n"
	  "input, the password as the second).\n\n"
	  "prescribe: a trainer changes the dose of one exercise of a client's routine, or puts\n"
	  "another exercise in its place, with a note the client sees in their plan. Inside\n"
	  "the usual range it is saved; outside it the rules warn, saying the range, and\n"
	  "nothing is saved without --accept-warning; beyond the safe limits (1-30 reps, 1-5\n"
	  "sets, a hold up to 30 s, 10 s to 10 min) it is refused. In the activation routine\n"
	  "another exercise in an exercise's place warns that the order is broken. A paused\n"
	  "exercise stays paused, and the neck screen still decides about neck work. Each\n"
	  "change is kept as a version; prescriptions lists them (for the client, a trainer\n"
	  "of theirs, or an admin). --add adds an exercise of the library to a routine as a\n"
	  "new step (at the end, or --before the step named; a place that breaks the\n"
	  "activation order warns); --take-out takes a step added before out again (never\n"
	  "one of the routine's own).\n\n"
	  "audit: who looked at or changed the client's records (a trainer's page of them, a\n"
	  "prescription, their prescriptions read by someone else), what and when, newest\n"
	  "first: the client's audit log, written before each such read or write.\n"
	  "reset-2fa: turn a person's two-step login off (a lost phone): written to their\n"
	  "audit log, and their logins end; they log in with the password alone and, where\n"
	  "the server requires it, set it up again at once.\n"
	  "  --client LOGIN  prescribe, prescriptions, audit: the client\n"
	  "  --exercise ID   prescribe: the routine's exercise (or the one it runs now)\n"
	  "  --routine ID    prescribe: the routine (default: the first that has it)\n"
	  "  --swap ID       prescribe: another exercise in its place\n"
	  "  --reps N, --sets N, --hold S, --duration S   prescribe: the new dose\n"
	  "  --note TEXT     prescribe: words for the client (up to 1000 bytes)\n"
	  "  --add ID        prescribe: an exercise to add as a new step (with --routine)\n"
	  "  --before ID     prescribe --add: the step it goes before (default: the end)\n"
	  "  --take-out ID   prescribe: a step added before, out again (with --routine)\n"
	  "  --accept-warning  prescribe: save although the rules warn\n\n"
	  "appointment: a trainer records a massage or a training with a client of theirs;\n"
	  "the client sees it in their history, and a massage's day counts as a massage day\n"
	  "in the insights.\n"
	  "  --kind KIND     appointment: massage or training\n"
	  "  --date DAY      appointment: the day it took place (default today; not later)\n"
	  "  --areas LIST    appointment: the areas worked, of chest, ribs, hips, upper-back\n"
	  "                  and neck, by commas (a massage names at least one)\n"
	  "  --note TEXT     appointment: words for the client (up to 1000 bytes)\n\n"
	  "The client stays in charge of their data: trainers lists a client's trainers;\n"
	  "unlink ends a trainer's access (they read none of the client's records from then\n"
	  "on, and prescribe no more); delete-account deletes an account and everything of\n"
	  "it, in one go, after the word delete is typed (its login name is free again; the\n"
	  "clinic's only admin is kept). An admin disables an account (it cannot log in, and\n"
	  "its sessions end at once) or enables it again.\n",
	  cmd_clinic },
	{ "routines", "list the routines, with module and estimated duration",
	  "usage: unhunch routines [--json]\n\n"
	  "Lists every routine found on the content search path, in order of module.\n\n"
	  "  --json    print the list as JSON\n",
	  cmd_routines },
	{ "show", "show a routine or an exercise in full",
	  "usage: unhunch show [--json] ID\n"
	  "       unhunch show EXERCISE --svg [-o FILE]\n\n"
	  "Shows a routine (each exercise in order with its dose) or an exercise (purpose,\n"
	  "numbered steps, cautions, equipment, easier and harder versions), and the file\n"
	  "it came from. When a file in your own content folder replaces a shipped one,\n"
	  "show says so.\n\n"
	  "  --json    print it as JSON\n"
	  "  --svg     the exercise's pictures as one SVG image, drawn from its pose data:\n"
	  "            its key positions side by side, each side or direction drawn\n"
	  "            differently in a row of its own (stdout, or FILE with -o)\n",
	  cmd_show },
	{ "handout", "print a routine's exercises with their pictures, as a PDF",
	  "usage: unhunch handout [ROUTINE | --plan] -o FILE.pdf\n\n"
	  "Writes printable pages (A4) for the fridge, or for a trainer's client: each\n"
	  "exercise of the routine in order, with its dose, pictures of its key positions\n"
	  "drawn from its pose data, its steps and what to take care of. Without ROUTINE:\n"
	  DEFAULT_ROUTINE ".\n\n"
	  "  --plan             every routine of your plan, at today's doses (halved during a\n"
	  "                     flare-up); exercises the plan has paused are named, not shown\n"
	  "  -o, --output FILE  where to write it; an existing file is replaced only once the\n"
	  "                     new one is complete\n",
	  cmd_handout },
	{ "validate", "check content files and report every problem",
	  "usage: unhunch validate [--alone] FILE...\n\n"
	  "Checks YAML content files and prints every problem as file:line:col: message.\n"
	  "References to exercises are resolved against the given files together with the\n"
	  "content on the search path (so a routine may use shipped exercises).\n\n"
	  "  --alone   resolve references only among the given files\n\n"
	  "Exit status: 0 when all files are valid, 1 when any problem was found,\n"
	  "2 for a usage error.\n",
	  cmd_validate },
	{ "help", "show help for unhunch or for one command",
	  "usage: unhunch help [COMMAND]\n", cmd_help },
	{ "version", "print the version", "usage: unhunch version\n", cmd_version },
	{ NULL, NULL, NULL, NULL },
};

const struct command *command_find(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

void command_help(const struct command *cmd, FILE *f)
{
	fprintf(f, "unhunch %s: %s\n\n%s", cmd->name, cmd->summary, cmd->help);
}

int usage_error(const struct command *cmd, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	fprintf(stderr, "unhunch %s: %s\nTry 'unhunch %s --help'.\n", cmd->name, sb.buf, cmd->name);
	strbuf_release(&sb);
	return EXIT_USAGE;
}

bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return false;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	}
	return false;
}

/* clinic-rx.h: the prescription commands of `unhunch clinic` (clinic-rx.c). */
#ifndef UNHUNCH_CLI_CLINIC_RX_H
#define UNHUNCH_CLI_CLINIC_RX_H
#include "context.h"
#include <stdbool.h>

struct clinic_rx_args {
	const char *trainer, *admin, *client, *routine, *exercise, *swap, *note;
	const char *add, *before; /* clinic prescribe --add ID [--before ID]: a new step */
	const char *take_out;     /* clinic prescribe --take-out ID: an added step out again */
	const char *kind, *date, *areas; /* clinic appointment */
	int reps, sets, hold_s, duration_s; /* 0: not given */
	bool accept;
};

/* clinic prescribe and clinic prescriptions; an exit status. */
int clinic_prescribe(struct cli_ctx *x, const struct clinic_rx_args *a);
int clinic_prescriptions(struct cli_ctx *x, const struct clinic_rx_args *a);
/* clinic appointment (clinic-appt.c); an exit status. */
int clinic_appointment(struct cli_ctx *x, const struct clinic_rx_args *a);

#endif

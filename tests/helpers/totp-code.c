/* totp-code.c: for the two-step login tests only (never installed): `totp-code KEY
 * STEP` prints the 6-digit code of the base32 KEY (spaces allowed, as the page shows
 * it) for the time step STEP (Unix seconds / 30), with the program's own core/totp.c,
 * so a test can give a code of now, of a step outside the window, or one used before. */
#include "core/totp.h"
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	uint8_t key[40];
	char *end;
	long long step = argc == 3 ? strtoll(argv[2], &end, 10) : -1;
	int n = argc == 3 ? totp_base32_decode(argv[1], key, sizeof(key)) : -1;
	if (argc != 3 || n <= 0 || *end || step < 0) {
		fprintf(stderr, "usage: totp-code BASE32-KEY STEP (a whole number: Unix seconds / 30)\n");
		return 2;
	}
	printf("%06u\n", (unsigned)totp_hotp(key, (size_t)n, (uint64_t)step, TOTP_DIGITS));
	return 0;
}

/* fuzz_config.c: libFuzzer harness for the settings parser (KEY = VALUE lines): any
 * bytes must give settings and problems named by line, never a crash, leak or hang. */
#include "breaks/config.h"
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct breaks_settings s;
	struct strbuf err = STRBUF_INIT;
	breaks_settings_default(&s);
	(void)breaks_config_parse("fuzz.conf", text, &s, &err);
	strbuf_release(&err);
	free(text);
	return 0;
}

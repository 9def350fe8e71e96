/* fuzz_content.c: libFuzzer harness for the content loader: any bytes must give
 * problems or a catalog, never a crash, leak or hang. */
#include "content/load.h"
#include "core/session.h"
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalog c;
	struct diags d;
	catalog_init(&c);
	diags_init(&d);
	content_parse(&c, "fuzz.yaml", (const char *)data, size, &d);
	catalog_check_refs(&c, &d);
	catalog_drop_broken(&c);
	for (size_t i = 0; i < c.n_rt; i++)
		(void)routine_run_s(&c, &c.rt[i], NULL, false, true);
	catalog_free(&c);
	diags_release(&d);
	return 0;
}

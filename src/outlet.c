/* outlet.c: interim (the outlet list is being written). */
#include "outlet.h"

#include "mem.h"
#include "parallax.h"

struct plx_outlets {
	int unused;
};

int plx_outlets_new(plx_outlets **out)
{
	*out = plx_calloc(1, sizeof **out);
	return *out ? PLX_OK : PLX_ENOMEM;
}

void plx_outlets_free(plx_outlets *o) { plx_free(o); }

int plx_outlets_load(plx_outlets *o, const char *path, char *err, size_t errlen)
{
	(void)o, (void)path, (void)err, (void)errlen;
	return PLX_EINVAL;
}

const plx_outlet *plx_outlets_by_name(const plx_outlets *o, const char *s, size_t n)
{
	(void)o, (void)s, (void)n;
	return NULL;
}

const plx_outlet *plx_outlets_by_domain(const plx_outlets *o, const char *host, size_t n)
{
	(void)o, (void)host, (void)n;
	return NULL;
}

const plx_outlet *plx_outlets_prefix(const plx_outlets *o, const char *s, size_t n,
                                     size_t *matched)
{
	(void)o, (void)s, (void)n;
	*matched = 0;
	return NULL;
}

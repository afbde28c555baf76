/* reader.c: interim (the readers are being written). */
#include "mem.h"
#include "parallax.h"

struct plx_reader {
	int unused;
};

int plx_reader_new(const plx_limits *limits, plx_reader **out)
{
	(void)limits;
	*out = plx_calloc(1, sizeof **out);
	return *out ? PLX_OK : PLX_ENOMEM;
}

int plx_reader_add(plx_reader *r, const char *path)
{
	(void)r, (void)path;
	return PLX_EINVAL;
}

int plx_reader_next(plx_reader *r, const plx_record **rec)
{
	(void)r;
	*rec = NULL;
	return 0;
}

const char *plx_reader_errmsg(const plx_reader *r)
{
	(void)r;
	return "";
}

size_t plx_reader_count(const plx_reader *r)
{
	(void)r;
	return 0;
}

size_t plx_reader_skipped(const plx_reader *r)
{
	(void)r;
	return 0;
}

void plx_reader_free(plx_reader *r) { plx_free(r); }

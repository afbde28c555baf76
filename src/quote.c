/* quote.c: interim (quote extraction is being written). */
#include "quote.h"

int plx_quote_find(plx_analyzer *an, plx_article *art)
{
	(void)an, (void)art;
	return PLX_OK;
}

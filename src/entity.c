/* entity.c: interim (entity recognition is being written). */
#include "entity.h"

int plx_entity_find(plx_analyzer *an, plx_article *art)
{
	(void)an, (void)art;
	return PLX_OK;
}

long plx_entity_at(const plx_article *art, size_t start, size_t end)
{
	(void)art, (void)start, (void)end;
	return -1;
}

int plx_name_key(const char *name, size_t len, char **out)
{
	*out = plx_strndup(name, len);
	return *out ? PLX_OK : PLX_ENOMEM;
}

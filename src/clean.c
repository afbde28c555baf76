/*
 * clean.c: stage 1 (interim: paragraph split only; labels, title, source and
 * dateline are being written).
 */
#include "clean.h"

int plx_clean(const plx_analyzer *an, plx_article *art)
{
	(void)an;
	const char *s = art->text;
	size_t i = 0, n = art->len;
	while (i < n) {
		while (i < n && (s[i] == '\n' || s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= n)
			break;
		size_t e = i;
		while (e < n && s[e] != '\n')
			e++;
		size_t t = e;
		while (t > i && (s[t - 1] == ' ' || s[t - 1] == '\t'))
			t--;
		plx_paragraph *p = plx_article_add_para(art);
		if (!p)
			return PLX_ENOMEM;
		p->start = i;
		p->end = t;
		i = e;
	}
	return PLX_OK;
}

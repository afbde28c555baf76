/*
 * utf8.c: UTF-8 validation and repair (RFC 3629 rules) and character
 * classes through utf8proc.
 */
#include "utf8.h"

#include <utf8proc.h>

/* Length of the valid sequence at s[i], or 0 when it is invalid. */
static size_t seq_len(const unsigned char *s, size_t len, size_t i)
{
	unsigned char c = s[i];
	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;
	size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
	if (!n || i + n > len)
		return 0;
	for (size_t k = 1; k < n; k++)
		if ((s[i + k] & 0xC0) != 0x80)
			return 0;
	if (n == 3) {
		if (c == 0xE0 && s[i + 1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && s[i + 1] >= 0xA0)
			return 0; /* surrogate */
	} else if (n == 4) {
		if (c == 0xF0 && s[i + 1] < 0x90)
			return 0; /* overlong */
		if (c == 0xF4 && s[i + 1] >= 0x90)
			return 0; /* over U+10FFFF */
	}
	return n;
}

size_t plx_utf8_invalid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = seq_len(u, len, i);
		if (!n)
			return i;
		i += n;
	}
	return len;
}

size_t plx_utf8_repair(plx_buf *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0, bad = 0;
	while (i < len) {
		unsigned char c = u[i];
		if (c >= 0x20 && c < 0x80) {
			i++;
			continue;
		}
		if (c == '\r') {
			plx_buf_put(b, s + run, i - run);
			plx_buf_putc(b, '\n');
			i += (i + 1 < len && u[i + 1] == '\n') ? 2 : 1;
			run = i;
			continue;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n = seq_len(u, len, i);
		if (n) {
			i += n;
			continue;
		}
		plx_buf_put(b, s + run, i - run);
		plx_buf_put(b, "\xEF\xBF\xBD", 3);
		bad++;
		i++;
		/* One U+FFFD per maximal invalid subpart: skip continuation
		 * bytes. */
		while (i < len && (u[i] & 0xC0) == 0x80)
			i++;
		run = i;
	}
	plx_buf_put(b, s + run, len - run);
	return bad;
}

int32_t plx_utf8_next(const char *s, size_t len, size_t *i)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
					      (utf8proc_ssize_t)(len - *i), &c);
	if (n <= 0) {
		(*i)++;
		return 0xFFFD;
	}
	*i += (size_t)n;
	return c;
}

int32_t plx_utf8_prev(const char *s, size_t i, size_t *start)
{
	size_t j = i;
	if (j == 0) {
		*start = 0;
		return -1;
	}
	j--;
	while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	*start = j;
	size_t k = j;
	return plx_utf8_next(s, i, &k);
}

int plx_is_letter(int32_t c)
{
	if (c < 0x80)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	utf8proc_category_t cat = utf8proc_category(c);
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
}

int plx_is_upper(int32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	utf8proc_category_t cat = utf8proc_category(c);
	return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

int plx_is_digit(int32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

int plx_is_space(int32_t c)
{
	if (c < 0x80)
		return c == ' ' || c == '\n' || c == '\t' || c == '\r' ||
		       c == '\f' || c == '\v';
	utf8proc_category_t cat = utf8proc_category(c);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
	       cat == UTF8PROC_CATEGORY_ZP || c == 0x85 || c == 0xFEFF ||
	       c == 0x200B;
}

int plx_is_punct(int32_t c)
{
	if (c < 0x80)
		return c > 0x20 && c < 0x7F && !plx_is_letter(c) &&
		       !plx_is_digit(c);
	utf8proc_category_t cat = utf8proc_category(c);
	return cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_SO;
}

int plx_quote_mark(int32_t c)
{
	switch (c) {
	case '"':
	case 0x2033: /* double prime, misused as a quote */ return PLX_QM_BOTH;
	case 0x201C: /* “ opens in English, closes in German „...“ */
		return PLX_QM_BOTH;
	case 0x201E: /* „ */
	case 0x201F:
	case 0x00AB: /* « (closes in German-style »...«) */
	case 0x2018: /* ‘ */
	case 0x201A: /* ‚ */
	case 0x2039: /* ‹ */ return c == 0x00AB ? PLX_QM_BOTH : PLX_QM_OPEN;
	case 0x201D: /* ” */
	case 0x2019: /* ’ (also the apostrophe) */
	case 0x203A: /* › */ return PLX_QM_CLOSE;
	case 0x00BB: /* » */ return PLX_QM_BOTH;
	default: return PLX_QM_NONE;
	}
}

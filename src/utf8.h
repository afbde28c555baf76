/*
 * utf8.h: UTF-8 validation and repair, and the small decoding helpers the
 * stages share.  Character classes come from utf8proc.
 */
#ifndef PLX_UTF8_H
#define PLX_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "mem.h"

/* Offset of the first invalid sequence in s, or len when s is valid UTF-8.
 * Overlong forms, surrogates and code points over U+10FFFF are invalid. */
size_t plx_utf8_invalid(const char *s, size_t len);

/* Copies s into b with each invalid sequence replaced by U+FFFD, CR LF and
 * lone CR made LF.  Returns the number of replacements. */
size_t plx_utf8_repair(plx_buf *b, const char *s, size_t len);

/* Decodes the code point at s[*i] (valid UTF-8 assumed) and advances *i. */
int32_t plx_utf8_next(const char *s, size_t len, size_t *i);
/* Decodes the code point ending just before s[i]; sets *start to its start. */
int32_t plx_utf8_prev(const char *s, size_t i, size_t *start);

int plx_is_letter(int32_t c);
int plx_is_upper(int32_t c);
int plx_is_digit(int32_t c);
int plx_is_space(int32_t c); /* includes NBSP and the Unicode Zs class */
int plx_is_punct(int32_t c); /* P* and S* classes */

/* Quotation marks: opening, closing or either (straight ones are both). */
enum { PLX_QM_NONE = 0, PLX_QM_OPEN = 1, PLX_QM_CLOSE = 2, PLX_QM_BOTH = 3 };
int plx_quote_mark(int32_t c);

#endif

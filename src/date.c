/*
 * date.c: dates of articles (ISO 8601 and RFC 2822) to Unix seconds, for
 * time-aware story clustering and storage.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "parallax.h"

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Reads exactly n digits. */
static int digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return 0;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 1;
}

static int valid(int y, int mo, int d, int h, int mi, int se)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return y >= 1 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 &&
	       d <= mdays[mo - 1] && (mo != 2 || d <= 28 + leap) && h >= 0 &&
	       h <= 24 && mi >= 0 && mi < 60 && se >= 0 && se <= 60;
}

/* Zone suffix: Z, +hh:mm, +hhmm, +hh, GMT/UTC or nothing.  Sets *off in
 * seconds east of UTC. */
static int zone(const char *p, int *off)
{
	*off = 0;
	while (*p == ' ')
		p++;
	if (!*p || *p == 'Z' || *p == 'z')
		return *p ? p[1] == 0 : 1;
	if (strcasecmp(p, "GMT") == 0 || strcasecmp(p, "UTC") == 0 ||
	    strcasecmp(p, "UT") == 0)
		return 1;
	if (*p != '+' && *p != '-')
		return 0;
	int sign = *p == '-' ? -1 : 1, h, m = 0;
	p++;
	if (!digits(&p, 2, &h))
		return 0;
	if (*p == ':')
		p++;
	if (*p && !digits(&p, 2, &m))
		return 0;
	if (*p || h > 14 || m > 59)
		return 0;
	*off = sign * (h * 3600 + m * 60);
	return 1;
}

static int iso(const char *p, int64_t *out)
{
	int y, mo, d, h = 0, mi = 0, se = 0, off = 0;
	if (!digits(&p, 4, &y))
		return 0;
	int dash = *p == '-';
	if (dash)
		p++;
	if (!digits(&p, 2, &mo))
		return 0;
	if (dash && *p++ != '-')
		return 0;
	if (!digits(&p, 2, &d))
		return 0;
	if (*p == 'T' || *p == 't' ||
	    (*p == ' ' && isdigit((unsigned char)p[1]))) {
		p++;
		if (!digits(&p, 2, &h))
			return 0;
		if (*p == ':')
			p++;
		if (!digits(&p, 2, &mi))
			return 0;
		if (*p == ':' || isdigit((unsigned char)*p)) {
			if (*p == ':')
				p++;
			if (!digits(&p, 2, &se))
				return 0;
		}
		if (*p == '.' || *p == ',') /* fractions of a second */
			for (p++; isdigit((unsigned char)*p); p++)
				;
		if (!zone(p, &off))
			return 0;
	} else if (*p && !zone(p, &off))
		return 0;
	if (!valid(y, mo, d, h, mi, se))
		return 0;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se -
	       off;
	return 1;
}

static int month_of(const char *p)
{
	static const char *const m[] = {"jan", "feb", "mar", "apr",
					"may", "jun", "jul", "aug",
					"sep", "oct", "nov", "dec"};
	for (int i = 0; i < 12; i++)
		if (strncasecmp(p, m[i], 3) == 0)
			return i + 1;
	return 0;
}

/* "Fri, 21 Jan 2022 14:05:00 GMT" (the weekday optional, seconds too). */
static int rfc2822(const char *p, int64_t *out)
{
	int d = 0, y, h = 0, mi = 0, se = 0, off = 0, mo;
	const char *comma = strchr(p, ',');
	if (comma)
		p = comma + 1;
	while (*p == ' ')
		p++;
	if (!isdigit((unsigned char)*p))
		return 0;
	/* The day: one or two digits (more overflowed d; fuzz_stories). */
	for (int n = 0; isdigit((unsigned char)*p); n++)
		if (n == 2)
			return 0;
		else
			d = d * 10 + (*p++ - '0');
	while (*p == ' ')
		p++;
	if (!(mo = month_of(p)))
		return 0;
	while (*p && *p != ' ')
		p++;
	while (*p == ' ')
		p++;
	if (!digits(&p, 4, &y))
		return 0;
	while (*p == ' ')
		p++;
	if (*p) {
		if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
			return 0;
		if (*p == ':') {
			p++;
			if (!digits(&p, 2, &se))
				return 0;
		}
		if (!zone(p, &off))
			return 0;
	}
	if (!valid(y, mo, d, h, mi, se))
		return 0;
	*out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se -
	       off;
	return 1;
}

int plx_date_parse(const char *s, int64_t *out)
{
	*out = INT64_MIN;
	if (!s)
		return PLX_EINVAL;
	while (*s == ' ')
		s++;
	char buf[64];
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	if (n == 0 || n >= sizeof buf)
		return PLX_EFORMAT;
	memcpy(buf, s, n);
	buf[n] = 0;
	if (iso(buf, out) || rfc2822(buf, out))
		return PLX_OK;
	*out = INT64_MIN;
	return PLX_EFORMAT;
}

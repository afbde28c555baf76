/*
 * testutil.h: fixtures shared by the test programs: allocator hooks that
 * fail on demand or record the largest block, the invented article stream
 * of the ingest tests, and removal of a database with its WAL files.
 * Each test program includes it once, like harness.h.
 */
#ifndef PLX_TESTUTIL_H
#define PLX_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "parallax.h"

/* ---- A failing allocator --------------------------------------------- */

static long countdown = -1; /* allocations left before failing; <0: never */
static long calls;          /* allocations counted while armed */
static int alloc_armed = 1; /* count and fail only while set */

static inline void *fail_take(void)
{
	calls++;
	if (countdown == 0)
		return NULL;
	if (countdown > 0)
		countdown--;
	return (void *)1;
}

static inline void *t_malloc(size_t size, void *ud)
{
	(void)ud;
	if (alloc_armed && !fail_take())
		return NULL;
	return malloc(size);
}

static inline void *t_realloc(void *ptr, size_t size, void *ud)
{
	(void)ud;
	if (alloc_armed && !fail_take())
		return NULL;
	return realloc(ptr, size);
}

static inline void t_free(void *ptr, void *ud)
{
	(void)ud;
	free(ptr);
}

/* ---- An allocator that records the largest block asked for ----------- */

static size_t g_biggest;

static inline void *big_malloc(size_t n, void *ud)
{
	(void)ud;
	if (n > g_biggest)
		g_biggest = n;
	return malloc(n);
}

static inline void *big_realloc(void *p, size_t n, void *ud)
{
	(void)ud;
	if (n > g_biggest)
		g_biggest = n;
	return realloc(p, n);
}

/* ---- Ingest fixtures --------------------------------------------------- */

/* Writes n invented articles on four events as JSON Lines, ids a000,
 * a001, ..., dated over four days; with_quote adds a quotation to each. */
static inline int write_events(const char *path, int n, int with_quote)
{
	static const char *const events[] = {
		"Flood waters rose along the Varn river on Monday, forcing "
		"hundreds from their homes in Tessby, officials said.",
		"The Norlund central bank cut its main rate by a quarter point "
		"on Tuesday, citing slowing inflation.",
		"Kestrel Vale won the Northern Cup final 3-2 after extra time "
		"at Greyholm Stadium on Wednesday night.",
		"Ministers from Castavia and Drovnia agreed a tariff framework "
		"in Vienna after two days of talks."};
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	for (int i = 0; i < n; i++)
		fprintf(f,
			"{\"id\":\"a%03d\",\"date\":\"2025-03-%02dT10:00:00Z\","
			"\"text\":\"%s%s Report number %d adds detail %d.\"}\n",
			i, 10 + i % 4, events[i % 4],
			with_quote ? " \\u201cWe are ready,\\u201d Mayor Ilse "
				     "Brandt said."
				   : "",
			i, i * 7919 % 1000);
	return fclose(f);
}

/* Removes a database and its -wal and -shm files. */
static inline void unlink_db(const char *path)
{
	char p[1024];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

#endif

/*
 * test_oom.c: out of memory at every allocation.  Analyses the seeds (or a
 * built-in text when ../shared/data is absent) with an allocator that fails
 * at the n-th call, for every n until the analysis succeeds: each run must
 * end with PLX_ENOMEM or PLX_OK and leak nothing (ASan checks the leaks).
 */
#include "harness.h"
#include "parallax.h"
#include "testutil.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	static char buf[1 << 16];
	*len = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[*len] = 0;
	return buf;
}

static const char FALLBACK[] =
	"The Harbor LedgerNews Without Fear\n\n"
	"Bridge talks stall in Porto\n\n"
	"PORTO \xE2\x80\x94 Minister Elena Vasquez-Ortiz said on Monday that "
	"the talks would resume. \xE2\x80\x9CWe are not done,\xE2\x80\x9D she "
	"told reporters.\n\n"
	"\xE2\x80\x9CIt is a crisis,\xE2\x80\x9D said a senior official.\n";

/* Runs the analysis with the n-th allocation failing, for every n. */
static void exhaust(const char *text, size_t len)
{
	plx_allocator a = {t_malloc, t_realloc, t_free, NULL};
	plx_set_allocator(&a);
	int ok = 0;
	long n;
	for (n = 0; n < 200000 && !ok; n++) {
		countdown = n;
		plx_analyzer *an = NULL;
		int rc = plx_analyzer_new(NULL, &an);
		if (rc) {
			CHECK(rc == PLX_ENOMEM && an == NULL);
			continue;
		}
		plx_article *art = NULL;
		rc = plx_analyze_text(an, text, len, "seed", &art);
		if (rc == PLX_OK) {
			char *json = NULL;
			size_t jl;
			rc = plx_article_json(art, &json, &jl);
			CHECK(rc == PLX_OK ||
			      (rc == PLX_ENOMEM && json == NULL));
			if (rc == PLX_OK)
				ok = 1;
			plx_free(json);
		} else {
			if (rc != PLX_ENOMEM)
				fprintf(stderr, "n=%ld rc=%d\n", n, rc);
			CHECK(rc == PLX_ENOMEM);
			CHECK(art == NULL);
		}
		plx_article_free(art);
		plx_analyzer_free(an);
	}
	plx_set_allocator(NULL);
	CHECK(ok);
	fprintf(stderr, "  %ld failure points\n", n);
}

TEST(every_allocation_fails_once)
{
	const char *seeds[] = {
		PLX_SHARED_DATA "/seeds/000_b2e9686b3f254adb.txt",
		PLX_SHARED_DATA "/seeds/002_fbc1206ab1d4c0e9.txt"};
	int found = 0;
	for (int i = 0; i < 2; i++) {
		size_t len;
		char *t = slurp(seeds[i], &len);
		if (!t)
			continue;
		found++;
		exhaust(t, len);
	}
	if (!found) {
		printf("NOTE: %s absent; using the built-in text\n",
		       PLX_SHARED_DATA "/seeds");
		exhaust(FALLBACK, sizeof FALLBACK - 1);
	}
}

int main(void)
{
	RUN(every_allocation_fails_once);
	DONE();
}

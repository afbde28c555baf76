/*
 * harness.h: the in-process test harness.  TEST(name) defines a case,
 * CHECK(cond) records a failure without stopping, RUN(name) runs a case.
 * main() ends with DONE(), which prints "N passed, N failed" and sets the
 * exit status; SKIP(msg) exits 77, which CTest reports as skipped.
 */
#ifndef PLX_HARNESS_H
#define PLX_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int h_pass, h_fail, h_case_failed;

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (cond) {                                                    \
			h_pass++;                                              \
		} else {                                                       \
			h_fail++;                                              \
			h_case_failed = 1;                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                              \
		}                                                              \
	} while (0)

#define CHECK_STR(a, b)                                                       \
	do {                                                                  \
		const char *h_a = (a), *h_b = (b);                            \
		int h_ok = (h_a && h_b) ? strcmp(h_a, h_b) == 0 : h_a == h_b; \
		CHECK(h_ok);                                                  \
		if (!h_ok)                                                    \
			fprintf(stderr, "  got \"%s\", want \"%s\"\n",        \
				h_a ? h_a : "(null)", h_b ? h_b : "(null)");  \
	} while (0)

#define TEST(name) static void name(void)

#define RUN(name)                                                           \
	do {                                                                \
		h_case_failed = 0;                                          \
		name();                                                     \
		fprintf(stderr, "%s %s\n", h_case_failed ? "FAIL" : "ok  ", \
			#name);                                             \
	} while (0)

#define DONE()                                                    \
	do {                                                      \
		printf("%d passed, %d failed\n", h_pass, h_fail); \
		return h_fail ? 1 : 0;                            \
	} while (0)

#define SKIP(msg)                             \
	do {                                  \
		printf("SKIPPED: %s\n", msg); \
		exit(77);                     \
	} while (0)

#endif

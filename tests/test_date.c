/* test_date.c: date parsing. */
#include "harness.h"
#include "parallax.h"

static int64_t parse(const char *s)
{
	int64_t t;
	return plx_date_parse(s, &t) == PLX_OK ? t : -1;
}

TEST(iso8601)
{
	CHECK(parse("1970-01-01") == 0);
	CHECK(parse("2022-01-21") == 1642723200);
	CHECK(parse("2022-01-21T14:05:00Z") == 1642723200 + 14 * 3600 + 300);
	CHECK(parse("2022-01-21T15:05:00+01:00") ==
	      1642723200 + 14 * 3600 + 300);
	CHECK(parse("2022-01-21 14:05:00.123") == 1642723200 + 14 * 3600 + 300);
	CHECK(parse("20220121") == 1642723200);
	CHECK(parse("2022-01-21T09:05-0500") == 1642723200 + 14 * 3600 + 300);
	CHECK(parse("2024-02-29") > 0);
}

TEST(rfc2822)
{
	CHECK(parse("Fri, 21 Jan 2022 14:05:00 GMT") ==
	      1642723200 + 14 * 3600 + 300);
	CHECK(parse("21 Jan 2022 15:05 +0100") == 1642723200 + 14 * 3600 + 300);
	CHECK(parse("26-FEB-1987 15:01:01.79") ==
	      -1); /* Reuters style: unknown */
	/* A day of 10 digits overflowed int (2^32 + 21 wrapped to 21). */
	CHECK(parse("4294967317 Jan 2022") == -1);
	CHECK(parse("-444444444444") == -1);
	CHECK(parse("021 Jan 2022") == -1);
}

TEST(rejects)
{
	CHECK(parse("") == -1);
	CHECK(parse("yesterday") == -1);
	CHECK(parse("2022-13-01") == -1);
	CHECK(parse("2022-02-30") == -1);
	CHECK(parse("2023-02-29") == -1);
	CHECK(parse("2022-01-21T25:00") == -1);
	CHECK(parse("2022-01-21Tjunk") == -1);
	int64_t t = 5;
	CHECK(plx_date_parse(NULL, &t) == PLX_EINVAL && t == INT64_MIN);
}

int main(void)
{
	RUN(iso8601);
	RUN(rfc2822);
	RUN(rejects);
	DONE();
}

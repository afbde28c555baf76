/*
 * fuzz_jsonl.c: differential libFuzzer target for the JSON Lines parser.
 * plx_reader_parse_json reads a line with cJSON and asks jansson only when
 * cJSON might read it differently; here jansson reads every line too, and
 * the two must agree: a line is a record only if jansson accepts it, and
 * then with the text jansson finds under the same key, byte for byte.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "mem.h"
#include "parallax.h"
#include "reader.h"

/* jansson's text: the last member of the first text key holding a
 * non-blank string (the reader's rule). */
static const char *strict_text(json_t *root, size_t *len)
{
	static const char *const keys[] = {"text", "maintext", "body",
					   "content", NULL};
	for (const char *const *k = keys; *k; k++) {
		json_t *v = json_object_get(root, *k);
		if (!json_is_string(v))
			continue;
		const char *s = json_string_value(v);
		size_t n = json_string_length(v), i = 0;
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
				 s[i] == '\r' || s[i] == '\f' || s[i] == '\v'))
			i++;
		if (i < n) {
			*len = n;
			return s;
		}
	}
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	plx_limits lim;
	plx_limits_default(&lim);
	const char *line = (const char *)data;
	plx_record rec;
	void *root = NULL;
	plx_buf id;
	plx_buf_init(&id);
	char msg[256];
	int rc = plx_reader_parse_json(line, size, "in.jsonl", 1, &lim, &rec,
				       &root, &id, msg, sizeof msg);
	json_t *strict = json_loadb(line, size, 0, NULL);
	if (rc == 1) {
		/* Accepted: jansson accepts too, and finds the same text. */
		if (!strict)
			abort();
		size_t n = 0;
		const char *t = strict_text(strict, &n);
		if (!t || n != rec.text_len || memcmp(t, rec.text, n) != 0)
			abort();
	} else if (rc == PLX_EFORMAT && strict &&
		   strstr(msg, "nested deeper") == NULL &&
		   json_is_object(strict)) {
		/* Refused as invalid JSON: jansson refuses too, but for the
		 * nesting limit, which only cJSON has. */
		if (strstr(msg, "invalid JSON"))
			abort();
	}
	json_decref(strict);
	plx_reader_json_free(root);
	plx_buf_free(&id);
	return 0;
}

/*
 * fuzz_jsonl.c: differential libFuzzer target for the JSON Lines parser.
 * plx_reader_parse_json reads a line with cJSON and asks jansson only when
 * cJSON might read it differently; here jansson reads every line too, and
 * the two must agree on the verdict and, for a record, on every field the
 * reader takes (text, title, date, url, source, id), byte for byte.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "mem.h"
#include "parallax.h"
#include "reader.h"

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(" \t\n\r\f\v", s[i]) || !s[i])
			return 0;
	return 1;
}

/* The reader's rule on jansson's tree: the last member of the first key
 * holding a non-blank string; *found as the reader counts it. */
static const char *pick(json_t *o, const char *const *keys, int *found)
{
	for (; *keys; keys++) {
		json_t *v = json_object_get(o, *keys);
		if (!v)
			continue;
		if (found && !*found)
			*found = 1;
		if (json_is_string(v) &&
		    !blank(json_string_value(v), json_string_length(v)))
			return json_string_value(v);
	}
	return NULL;
}

static void same(const char *a, const char *b)
{
	if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const text_keys[] = {"text", "maintext", "body",
						"content", NULL};
	static const char *const title_keys[] = {"title", "headline", NULL};
	static const char *const date_keys[] = {"date", "date_publish",
						"published", NULL};
	static const char *const source_keys[] = {"source", "source_domain",
						  "site_name", NULL};
	static const char *const url_keys[] = {"url", NULL};
	static const char *const id_keys[] = {"id", NULL};
	static const char *const name_keys[] = {"name", NULL};
	plx_limits lim;
	plx_limits_default(&lim);
	lim.max_record_bytes = 200;
	const char *line = (const char *)data;
	plx_record rec;
	void *root = NULL;
	plx_buf id;
	plx_buf_init(&id);
	char msg[256];
	int rc = plx_reader_parse_json(line, size, "in.jsonl", 1, &lim, &rec,
				       &root, &id, msg, sizeof msg);
	json_t *j = json_loadb(line, size, 0, NULL);
	if (rc == PLX_ENOMEM) {
		/* nothing to compare */
	} else if (!j) {
		if (rc != PLX_EFORMAT || !strstr(msg, "invalid JSON"))
			abort();
	} else if (rc == PLX_EFORMAT && strstr(msg, "nested deeper")) {
		if (plx_json_depth(line, size) <= 1000) /* only cJSON's limit */
			abort();
	} else if (!json_is_object(j)) {
		if (rc != PLX_EFORMAT || !strstr(msg, "not a JSON object"))
			abort();
	} else {
		int found = 0;
		const char *text = pick(j, text_keys, &found);
		if (!text) {
			if (rc != PLX_EEMPTY)
				abort();
		} else if (json_string_length(json_object_get(j, "text")) >
				   lim.max_record_bytes &&
			   text == json_string_value(
					   json_object_get(j, "text"))) {
			if (rc != PLX_ETOOBIG)
				abort();
		} else if (rc == 1) {
			same(text, rec.text);
			same(pick(j, title_keys, NULL), rec.title);
			same(pick(j, date_keys, NULL), rec.date);
			same(pick(j, url_keys, NULL), rec.url);
			const char *src = pick(j, source_keys, NULL);
			json_t *so = json_object_get(j, "source");
			if (!src && json_is_object(so))
				src = pick(so, name_keys, NULL);
			same(src, rec.source);
			char want[64];
			const char *wid = pick(j, id_keys, NULL);
			json_t *v = json_object_get(j, "id");
			if (!wid && json_is_integer(v)) {
				snprintf(want, sizeof want,
					 "%" JSON_INTEGER_FORMAT,
					 json_integer_value(v));
				wid = want;
			} else if (!wid && json_is_real(v)) {
				snprintf(want, sizeof want, "%.15g",
					 json_real_value(v));
				wid = want;
			}
			if (wid)
				same(wid, rec.id);
		} else if (rc != PLX_ETOOBIG)
			abort();
	}
	json_decref(j);
	plx_reader_json_free(root);
	plx_buf_free(&id);
	return 0;
}

/*
 * replay.c: runs a fuzz target's LLVMFuzzerTestOneInput over every file in
 * a corpus directory, so CTest replays the corpus (crash inputs included)
 * in every build, with or without sanitizers.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			uint8_t *p = realloc(buf, cap * 2);
			if (!p) {
				free(buf);
				fclose(f);
				return -1;
			}
			buf = p;
			cap *= 2;
		}
	}
	fclose(f);
	if (!buf)
		return -1;
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
		return 2;
	}
	DIR *d = opendir(argv[1]);
	if (!d) {
		perror(argv[1]);
		return 1;
	}
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		size_t len = strlen(argv[1]) + strlen(de->d_name) + 2;
		char *path = malloc(len);
		if (!path)
			return 1;
		snprintf(path, len, "%s/%s", argv[1], de->d_name);
		if (replay_file(path)) {
			fprintf(stderr, "%s: cannot read\n", path);
			free(path);
			closedir(d);
			return 1;
		}
		free(path);
		n++;
	}
	closedir(d);
	printf("%zu inputs replayed from %s\n", n, argv[1]);
	if (!n) {
		fprintf(stderr, "empty corpus: %s\n", argv[1]);
		return 1;
	}
	return 0;
}

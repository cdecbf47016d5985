/* Runs a fuzz target over files and directories of inputs, without
 * libFuzzer: how each target's seed corpus and regression cases run as an
 * ordinary ctest test (under the sanitizer build, with ASan and UBSan). */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long n;
	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    !(buf = malloc((size_t)n + 1)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "%s: cannot read\n", path);
		if (f)
			fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	/* an exact-size copy, so ASan sees any read past the end */
	{
		unsigned char *exact = malloc(n ? (size_t)n : 1);
		if (!exact) {
			free(buf);
			return -1;
		}
		memcpy(exact, buf, (size_t)n);
		free(buf);
		LLVMFuzzerTestOneInput(exact, (size_t)n);
		free(exact);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i, files = 0, failed = 0;
	for (i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "%s: no such file or directory\n", argv[i]);
			return 2;
		}
		if (S_ISDIR(st.st_mode)) {
			struct dirent **names;
			int n = scandir(argv[i], &names, NULL, alphasort), k;
			if (n < 0) {
				fprintf(stderr, "%s: cannot read the directory\n", argv[i]);
				return 2;
			}
			for (k = 0; k < n; k++) {
				char path[4096];
				if (names[k]->d_name[0] != '.') {
					snprintf(path, sizeof path, "%s/%s", argv[i], names[k]->d_name);
					failed += run_file(path) != 0;
					files++;
				}
				free(names[k]);
			}
			free(names);
		} else {
			failed += run_file(argv[i]) != 0;
			files++;
		}
	}
	printf("%d inputs run, %d unreadable\n", files, failed);
	return failed || files == 0 ? 1 : 0;
}

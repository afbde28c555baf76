/*
 * cmd_serve.c: `parallax serve`: the web interface and JSON API over a
 * database (docs/api.md), until Ctrl-C.
 */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_serve(int argc, char **argv);

static void log_line(void *ud, const char *msg)
{
	(void)ud;
	fprintf(stderr, "parallax serve: %s\n", msg);
}

int cmd_serve(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"listen", required_argument, NULL, 'l'},
		{"threads", required_argument, NULL, 'j'},
		{"outlets", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	plx_server_params p;
	plx_server_params_default(&p);
	p.db = "parallax.db";
	p.log = log_line;
	int quiet = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': p.db = optarg; break;
		case 'l': p.listen = optarg; break;
		case 'o': p.outlets = optarg; break;
		case 'q': quiet = 1; break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 64)
				return usage_error("bad thread count (1-64)",
						   optarg);
			p.threads = (unsigned)n;
			break;
		}
		case 'h':
			puts("usage: parallax serve [--db FILE] "
			     "[--listen HOST:PORT] [--threads N]");
			return 0;
		default: return usage_error("bad option for serve", NULL);
		}
	}
	if (optind < argc)
		return usage_error("serve takes no path", argv[optind]);
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	/* A shell starts background jobs with SIGINT ignored; an ignored
	 * signal never reaches sigwait. */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	char msg[512];
	plx_server *s = NULL;
	int rc = plx_server_start(&p, &s, msg, sizeof msg);
	if (rc) {
		fprintf(stderr, "parallax: serve: %s\n",
			msg[0] ? msg : plx_strerror(rc));
		return EXIT_FATAL;
	}
	if (!quiet) {
		const char *host = p.listen;
		const char *colon = strrchr(host, ':');
		fprintf(stderr,
			"parallax: serving %s on http://%.*s:%u/ (Ctrl-C "
			"stops)\n",
			p.db, (int)(colon - host), host, plx_server_port(s));
	}
	/* The server's threads inherit the blocked signals, so Ctrl-C comes
	 * to sigwait here. */
	int sig = 0;
	sigwait(&stop, &sig);
	plx_server_stop(s);
	if (!quiet)
		fprintf(stderr, "parallax: serve: stopped\n");
	return 0;
}

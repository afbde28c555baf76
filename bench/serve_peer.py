#!/usr/bin/env python3
"""The peer of `parallax serve` in bench/serve_load.sh: what people write
instead, a Python standard-library JSON endpoint (http.server's
ThreadingHTTPServer, sqlite3 read-only, one connection per thread) serving
the same /api/stories query on the same database.

usage: serve_peer.py DB PORT
"""
import json
import sqlite3
import sys
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

DB = sys.argv[1]
local = threading.local()


def conn():
    c = getattr(local, "c", None)
    if c is None:
        c = local.c = sqlite3.connect(f"file:{DB}?mode=ro", uri=True,
                                      check_same_thread=False)
    return c


def iso(t):
    if t is None:
        return None
    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def do_GET(self):
        u = urlsplit(self.path)
        if u.path != "/api/stories":
            self.send_error(404)
            return
        q = parse_qs(u.query)
        limit = int(q.get("limit", ["20"])[0])
        offset = int(q.get("offset", ["0"])[0])
        rows = conn().execute(
            "SELECT id, headline, n_articles, n_sources, first_seen,"
            " last_seen FROM stories ORDER BY last_seen DESC,"
            " n_articles DESC, id DESC LIMIT ? OFFSET ?",
            (limit + 1, offset)).fetchall()
        stories = [{"id": r[0], "headline": r[1], "articles": r[2],
                    "sources": r[3], "first_seen": iso(r[4]),
                    "last_seen": iso(r[5]), "url": f"/stories/{r[0]}"}
                   for r in rows[:limit]]
        body = json.dumps({"stories": stories, "limit": limit,
                           "offset": offset,
                           "next_offset": offset + limit
                           if len(rows) > limit else None}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # wrk closes connections mid-request at the end of a run


Server(("127.0.0.1", int(sys.argv[2])), Handler).serve_forever()

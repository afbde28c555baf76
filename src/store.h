/*
 * store.h: the SQLite database behind `ingest`, `stories` and `serve`.
 * Schema and its version live in store.c; every write goes through batched
 * transactions, so the database is consistent after any interruption.
 */
#ifndef PLX_STORE_H
#define PLX_STORE_H

#include "parallax.h"

/* Schema version, kept in PRAGMA user_version. */
#define PLX_STORE_SCHEMA 3

/* The connection, for the read queries of query.c (serve); borrowed for
 * the store's life. */
typedef struct sqlite3 sqlite3;
sqlite3 *plx_store_db(plx_store *s);

/* The id the store files art under: its own, else its content hash in
 * hex, written to buf (17 bytes at least). */
const char *plx_store_id(const plx_article *art, uint64_t hash, char *buf,
			 size_t len);

/* Calls fn with each stored article's id and content hash, in no
 * particular order; fn's nonzero status stops the walk and is returned. */
int plx_store_keys(plx_store *s,
		   int (*fn)(const char *id, uint64_t hash, void *ud),
		   void *ud);

#endif

/*
 * store.h: the SQLite database behind `ingest`, `stories` and `serve`.
 * Schema and its version live in store.c; every write goes through batched
 * transactions, so the database is consistent after any interruption.
 */
#ifndef PLX_STORE_H
#define PLX_STORE_H

#include "parallax.h"

/* Schema version, kept in PRAGMA user_version. */
#define PLX_STORE_SCHEMA 2

/* The connection, for the read queries of query.c (serve); borrowed for
 * the store's life. */
typedef struct sqlite3 sqlite3;
sqlite3 *plx_store_db(plx_store *s);

#endif

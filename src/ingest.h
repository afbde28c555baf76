/*
 * ingest.h: the streaming pipeline behind `parallax ingest` (and later
 * `watch`): record -> analysis -> duplicates -> story -> database.
 */
#ifndef PLX_INGEST_H
#define PLX_INGEST_H

#include "parallax.h"

#endif

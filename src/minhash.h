/*
 * minhash.h: fingerprints of an analysed article for duplicate detection
 * (the first step of the story engine): an exact hash of the normalised
 * body, a MinHash signature over word shingles, LSH band keys, and small
 * per-paragraph prints for passage reuse.  Also the multimap that the
 * in-memory indexes are built from.
 *
 * Design (numbers argued in docs/dedup.md):
 * - Text: the norms (NFKC case-folded) of the tokens of body paragraphs.
 *   The exact hash is XXH3-64 over all those norms joined by single spaces,
 *   so a re-extracted page with other furniture still hashes the same.
 * - Shingles: 4 consecutive words (punctuation skipped; numbers kept), each
 *   word hashed once with XXH3 and the 4 word hashes hashed again with XXH3.
 *   Four words make a shingle rare enough that unrelated wires share few,
 *   small enough that one edited word changes only 4 of them.  A text of
 *   fewer than 4 words is one shingle.
 * - MinHash: K = 120 values.  Permutation i maps a shingle hash x to the
 *   high 32 bits of a_i*x + b_i (mod 2^64), a_i odd random, b_i random.  x
 *   is already a good 64-bit hash, so the affine map only has to
 *   decorrelate the K orders; it costs one multiply-add per value and the
 *   loop vectorises (measured error of the estimate: bench/dedup_reuters.py).
 *   Only the low 16 bits of each minimum are kept for verification (b-bit
 *   MinHash: a chance 2^-16 of a false match per value, corrected in the
 *   estimate), halving memory; band keys use the full 32-bit minima.
 * - LSH: B = 24 bands of R = 5 rows; a pair of Jaccard s becomes a candidate
 *   with probability 1-(1-s^5)^24: 0.99993 at s = 0.8, 0.988 at 0.7, 0.53
 *   at 0.5.  Candidates are verified on the estimated Jaccard.
 * - Paragraphs: a paragraph of at least PLX_PARA_MIN_WORDS words gets the
 *   XXH3 of its norms (exact reuse) and a bottom-k sketch of its shingles
 *   (the PLX_PARA_SKETCH smallest hashes), from which Jaccard and
 *   containment with another paragraph are estimated (exact when both have
 *   at most PLX_PARA_SKETCH shingles).
 */
#ifndef PLX_MINHASH_H
#define PLX_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#include "parallax.h"

#define PLX_SHINGLE_WORDS 4
/* Upper bound on K: signatures live on the stack of their users. */
#define PLX_MINHASH_MAX_K 512
#define PLX_MINHASH_K     120
#define PLX_LSH_BANDS     24
#define PLX_LSH_ROWS      5
/* Paragraphs shorter than this are not tracked for reuse: a one-line
 * "Reuters" or "Read more" repeated everywhere is not a copied passage. */
#define PLX_PARA_MIN_WORDS 12
/* Values in a paragraph's bottom-k sketch. */
#define PLX_PARA_SKETCH 16

typedef struct plx_minhash {
	unsigned k;
	uint64_t a[PLX_MINHASH_MAX_K], b[PLX_MINHASH_MAX_K];
} plx_minhash;

/* Draws the K permutations from a fixed seed (deterministic).  Returns
 * PLX_EINVAL when k is 0 or over PLX_MINHASH_MAX_K. */
int plx_minhash_init(plx_minhash *m, unsigned k, uint64_t seed);

/* Writes the K minima of the shingle hashes sh[0..n) to out32 (n > 0). */
void plx_minhash_sign(const plx_minhash *m, const uint64_t *sh, size_t n,
		      uint32_t *out32);

/* Estimated Jaccard similarity of two 16-bit signatures of k values. */
double plx_minhash_jaccard(const uint16_t *x, const uint16_t *y, unsigned k);

/* Key of band `band` (rows values starting at band*rows). */
uint64_t plx_lsh_band_key(const uint32_t *sig32, unsigned band, unsigned rows);

/* One tracked paragraph. */
typedef struct plx_para_print {
	size_t para;         /* index into the article's paragraphs */
	uint64_t hash;       /* XXH3 of its norms joined by spaces */
	uint32_t n_shingles; /* distinct shingles */
	uint32_t n_sketch;   /* min(n_shingles, PLX_PARA_SKETCH) */
	uint32_t sketch[PLX_PARA_SKETCH]; /* smallest shingle hashes (low 32
					     bits), ascending, distinct */
} plx_para_print;

/* Fingerprint of one article; reusable across articles (buffers grow). */
typedef struct plx_fingerprint {
	uint64_t text_hash; /* exact hash; meaningful when n_words > 0 */
	size_t n_words;     /* body words (punctuation excluded) */
	uint64_t *shingles; /* article shingle hashes, in text order, with
			       repeats; n_shingles > 0 iff n_words > 0 */
	size_t n_shingles, cap_shingles;
	uint64_t *words; /* scratch: word hashes */
	size_t cap_words;
	plx_para_print *paras;
	size_t n_paras, cap_paras;
} plx_fingerprint;

void plx_fingerprint_init(plx_fingerprint *fp);
/* Computes everything but the signature.  PLX_OK or PLX_ENOMEM. */
int plx_fingerprint_compute(plx_fingerprint *fp, const plx_article *art);
void plx_fingerprint_free(plx_fingerprint *fp);

/* Estimated Jaccard of two paragraph sketches, and the containment of p in
 * q (share of p's shingles found in q) derived from it. */
double plx_para_jaccard(const plx_para_print *p, const plx_para_print *q);
double plx_para_containment(const plx_para_print *p, const plx_para_print *q);

/* Multimap from 64-bit keys to 32-bit values: open addressing on the keys,
 * each key heading a chain of values (newest first).  Memory: 12 bytes a
 * slot at load <= 0.7 plus 8 bytes a value; linear in what is put. */
typedef struct plx_mmap {
	uint64_t *keys;
	uint32_t *heads; /* 1 + index of the newest value; 0: empty slot */
	size_t cap, n_keys;
	uint32_t *vals, *next; /* next: 1 + index of the older value, or 0 */
	size_t n_vals, cap_vals;
} plx_mmap;

void plx_mmap_init(plx_mmap *m);
int plx_mmap_put(plx_mmap *m, uint64_t key, uint32_t val);
/* Copies up to max values of key (newest first) into out; returns how many
 * it copied. */
size_t plx_mmap_get(const plx_mmap *m, uint64_t key, uint32_t *out, size_t max);
size_t plx_mmap_bytes(const plx_mmap *m);
void plx_mmap_free(plx_mmap *m);

#endif

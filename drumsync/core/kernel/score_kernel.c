/*
 * A whole match scored in one call: what score() needs from the judge, without handing the
 * per-note columns to Python. The columns live in scratch memory this thread keeps from one
 * match to the next, so scoring does not fault in fresh pages every time.
 *
 * Everything here gives exactly what the numpy path gives from the same columns: the judge
 * is ds_judge, the fold order is the stable order by judged time (as numpy's stable
 * argsort), the fold and the point hit times are ds_fold's and ds_point_hit_times' rules.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "kernel.h"

/* Scratch above this many bytes (a chart of over ten million notes) is given back after
 * the match rather than kept. */
#define KEEP_AT_MOST ((size_t)256 << 20)

static _Thread_local void *kept_scratch = NULL;
static _Thread_local size_t kept_bytes = 0;

static void *scratch(size_t bytes) {
    if (bytes > kept_bytes) {
        free(kept_scratch);
        kept_scratch = malloc(bytes ? bytes : 1);
        kept_bytes = kept_scratch ? bytes : 0;
    }
    return kept_scratch;
}

static void done_with_scratch(void) {
    if (kept_bytes > KEEP_AT_MOST) {
        free(kept_scratch);
        kept_scratch = NULL;
        kept_bytes = 0;
    }
}

/* Stable merge of order[lo, mid) and order[mid, hi) by key (ties keep index order). */
static void merge(const double *key, int64_t *order, int64_t *spare, int64_t lo, int64_t mid,
                  int64_t hi) {
    int64_t i = lo, j = mid, k = lo;
    while (i < mid && j < hi) spare[k++] = key[order[j]] < key[order[i]] ? order[j++] : order[i++];
    while (i < mid) spare[k++] = order[i++];
    while (j < hi) spare[k++] = order[j++];
    for (k = lo; k < hi; k++) order[k] = spare[k];
}

/* order = 0 .. n - 1 sorted by key, equal keys in index order (numpy's stable argsort).
 * Judged times are nearly in order, so an insertion sort finishes in a few moves per note;
 * past a budget of moves, a merge sort takes over. Returns 0, or -1 without memory. */
static int stable_order(int64_t n, const double *key, int64_t *order) {
    int64_t budget = 16 * n + 4096;
    for (int64_t i = 0; i < n; i++) order[i] = i;
    for (int64_t i = 1; i < n; i++) {
        int64_t v = order[i];
        double kv = key[v];
        int64_t j = i;
        while (j > 0 && key[order[j - 1]] > kv) {
            order[j] = order[j - 1];
            j--;
            budget--;
        }
        order[j] = v;
        if (budget < 0) {
            int64_t *spare = malloc((size_t)n * sizeof(int64_t));
            if (!spare) return -1;
            for (int64_t width = 1; width < n; width *= 2)
                for (int64_t lo = 0; lo < n - width; lo += 2 * width) {
                    int64_t hi = lo + 2 * width < n ? lo + 2 * width : n;
                    merge(key, order, spare, lo, lo + width, hi);
                }
            free(spare);
            return 0;
        }
    }
    return 0;
}

/* Judge a match (ds_judge's arguments, notes both parts' notes in part order at part_t,
 * P1's the first split) and score it. Per player into out (9 entries each): points, final
 * combo, max combo, the count of each tier, strays, notes hit; its hit notes' offsets (ms)
 * in note order into offsets_p1 / offsets_p2; and for each shared point (note ranges
 * start1/stop1 in P1's part, start2/stop2 in P2's) each player's mean hit time of its
 * notes judged good or better (NaN when none) into hits_p1 / hits_p2.
 * Returns ds_judge's code, or NO_MEMORY, or POINT_OUTSIDE_PART at a point range outside
 * its part. */
int64_t ds_score_match(int64_t n, const double *time_s, const int8_t *player,
                       const int8_t *voice, const double *offset_s, int64_t voice_count,
                       const double *note_t, const int64_t *note_of, const int64_t *start,
                       int64_t notes, const double *part_t, int64_t split, double miss_s,
                       const double *edges_ms, const int64_t *base, const int64_t *step,
                       int64_t miss_tier, int64_t combo_step, int64_t max_steps,
                       int64_t good_tier, int64_t points, const int64_t *start1,
                       const int64_t *stop1, const int64_t *start2, const int64_t *stop2,
                       int64_t *out, double *offsets_p1, double *offsets_p2, double *hits_p1,
                       double *hits_p2) {
    int64_t groups = 2 * voice_count;
    size_t per_note = sizeof(int8_t) + 3 * sizeof(double);
    char *memory = scratch((size_t)notes * per_note + (size_t)groups * sizeof(int64_t) + 64);
    if (!memory) return NO_MEMORY;
    /* offsets are read once, into offsets_p1 / offsets_p2; the fold order then takes
     * their place */
    double *offset_ms = (double *)memory;
    int64_t *order_memory = (int64_t *)memory;
    double *hit_time_s = offset_ms + notes;
    double *judged_time_s = hit_time_s + notes;
    int64_t *next = (int64_t *)(judged_time_s + notes);
    int8_t *tier = (int8_t *)(next + groups);
    int64_t stray_count[2];
    ds_unjudged(notes, part_t, miss_s, miss_tier, tier, offset_ms, hit_time_s, judged_time_s);
    int64_t code = ds_judge(n, time_s, player, voice, offset_s, voice_count, note_t, note_of,
                            start, miss_s, edges_ms, tier, offset_ms, hit_time_s,
                            judged_time_s, NULL, NULL, stray_count, next);
    if (code) {
        done_with_scratch();
        return code;
    }
    int64_t first[2] = {0, split}, count[2] = {split, notes - split};
    double *offsets[2] = {offsets_p1, offsets_p2};
    const int64_t *point_start[2] = {start1, start2}, *point_stop[2] = {stop1, stop2};
    double *point_hits[2] = {hits_p1, hits_p2};
    for (int p = 0; p < 2; p++) {
        int64_t f = first[p], m = count[p], *row = out + 9 * p, hit = 0;
        for (int64_t i = f; i < f + m; i++)
            if (!isnan(hit_time_s[i])) offsets[p][hit++] = offset_ms[i];
        row[8] = hit;
        row[7] = stray_count[p];
    }
    for (int p = 0; p < 2; p++) {
        int64_t f = first[p], m = count[p], *row = out + 9 * p;
        int64_t *order = order_memory + f;  /* over this part's offsets, read already */
        if (stable_order(m, judged_time_s + f, order)) {
            done_with_scratch();
            return NO_MEMORY;
        }
        ds_fold(m, tier + f, order, base, step, miss_tier, combo_step, max_steps, row);
        if (points && ds_point_hit_times(points, point_start[p], point_stop[p], m, tier + f,
                                         hit_time_s + f, good_tier, point_hits[p])) {
            done_with_scratch();
            return POINT_OUTSIDE_PART;
        }
    }
    done_with_scratch();
    return 0;
}

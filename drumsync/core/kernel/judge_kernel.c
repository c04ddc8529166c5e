/*
 * The batch scorer's loops in C: the live judge's rules walked once over a match, with the
 * same floating-point operations as the numpy path, so every result is identical to it.
 *
 * Loaded through ctypes (drumsync/core/kernel/__init__.py); no Python headers are needed.
 * Built with -ffp-contract=off so no multiply-add is fused: each value is rounded exactly
 * where numpy rounds it.
 */
#include <math.h>
#include <stdint.h>

#include "kernel.h"

/* Bumped whenever a signature or a rule below changes: a library built from older source
 * is then left unused rather than called wrongly. */
int64_t ds_kernel_version(void) { return 10; }

/* The per-note outcome before any hit, for notes at part_t: a miss, no offset or hit time
 * (NaN), judged when its window closes (part_t + miss_s). */
void ds_unjudged(int64_t notes, const double *part_t, double miss_s, int64_t miss_tier,
                 int8_t *tier, double *offset_ms, double *hit_time_s, double *judged_time_s) {
    for (int64_t i = 0; i < notes; i++) {
        tier[i] = (int8_t)miss_tier;
        offset_ms[i] = NAN;
        hit_time_s[i] = NAN;
        judged_time_s[i] = part_t[i] + miss_s;
    }
}

/* Judge hits in time order, as the live judge does: a hit of group g (player * voice_count +
 * voice) at judged time t = time_s - offset_s[player] takes the earliest unjudged note of
 * its group at or after t - miss_s if that note is at or before t + miss_s; otherwise it is
 * a stray. Notes are grouped (note_t, group g holding [start[g], start[g + 1]), note_of
 * giving each one's index in part order). The outputs are in part order and come filled in
 * for unhit notes; a consumed note gets its tier, offset (ms), hit time and judged time.
 * Stray judged times go to stray_p1 / stray_p2 in time order (unless NULL: only counted),
 * their counts to stray_count[0..1]. next is scratch of one entry per group.
 * Returns JUDGED, or stops at the first hit that is not finite, has an unknown player or
 * voice, or comes before its predecessor, returning the code for it (the outputs are then
 * partly written). */
int64_t ds_judge(int64_t n, const double *time_s, const int8_t *player, const int8_t *voice,
              const double *offset_s, int64_t voice_count, const double *note_t,
              const int64_t *note_of, const int64_t *start, double miss_s,
              const double *edges_ms, int8_t *tier, double *offset_ms, double *hit_time_s,
              double *judged_time_s, double *stray_p1, double *stray_p2,
              int64_t *stray_count, int64_t *next) {
    int64_t groups = 2 * voice_count;
    for (int64_t g = 0; g < groups; g++) next[g] = start[g];
    int64_t strays[2] = {0, 0};
    double *stray_out[2] = {stray_p1, stray_p2};
    for (int64_t k = 0; k < n; k++) {
        int p = player[k];
        int v = voice[k];
        if (!isfinite(time_s[k])) return EVENTS_NOT_FINITE;
        if (p < 0 || p > 1) return EVENTS_BAD_PLAYER;
        if (v < 0 || v >= voice_count) return EVENTS_BAD_VOICE;
        if (k && time_s[k] < time_s[k - 1]) return EVENTS_NOT_SORTED;
        int64_t g = p * voice_count + v;
        double t = time_s[k] - offset_s[p];
        double early = t - miss_s;
        double late = t + miss_s;
        int64_t i = next[g];
        int64_t end = start[g + 1];
        while (i < end && note_t[i] < early) i++; /* passed by without a hit: a miss */
        if (i < end && note_t[i] <= late) {
            double offset = (t - note_t[i]) * 1000.0;
            double error = fabs(offset);
            int8_t passed = (int8_t)((error > edges_ms[0]) + (error > edges_ms[1]) +
                                     (error > edges_ms[2]));
            int64_t note = note_of[i];
            tier[note] = passed;
            offset_ms[note] = offset;
            hit_time_s[note] = t;
            judged_time_s[note] = t;
            i++;
        } else {
            if (stray_out[p]) stray_out[p][strays[p]] = t;
            strays[p]++;
        }
        next[g] = i;
    }
    stray_count[0] = strays[0];
    stray_count[1] = strays[1];
    return JUDGED;
}

/* The combo fold over tiers taken in the given order: out = (points, final combo, max
 * combo, then the count of each tier 0 .. miss_tier). A miss (tier miss_tier) resets the
 * combo and earns nothing; any other tier earns
 * base[tier] + step[tier] * min(combo / combo_step, max_steps) and extends the combo.
 * Both arrays hold n entries. Returns 0, or -1 (out partly written) at an order entry
 * outside 0 .. n - 1 or a tier outside 0 .. miss_tier. */
int64_t ds_fold(int64_t n, const int8_t *tier, const int64_t *order, const int64_t *base,
                const int64_t *step, int64_t miss_tier, int64_t combo_step, int64_t max_steps,
                int64_t *out) {
    int64_t points = 0, combo = 0, best = 0;
    int64_t *counts = out + 3;
    for (int64_t t = 0; t <= miss_tier; t++) counts[t] = 0;
    for (int64_t k = 0; k < n; k++) {
        int64_t note = order[k];
        if (note < 0 || note >= n) return -1;
        int64_t t = tier[note];
        if (t < 0 || t > miss_tier) return -1;
        counts[t]++;
        if (t == miss_tier) {
            combo = 0;
            continue;
        }
        int64_t steps = combo / combo_step;
        if (steps > max_steps) steps = max_steps;
        points += base[t] + step[t] * steps;
        combo++;
        if (combo > best) best = combo;
    }
    out[0] = points;
    out[1] = combo;
    out[2] = best;
    return 0;
}

/* Per point (notes [start, stop) of one part of `notes` notes), the mean hit time of its
 * notes judged good or better (tier <= good_tier), NaN when none: summed in note order from
 * 0.0 with each note's time or 0.0 added, exactly as the numpy path sums them. Returns 0,
 * or -1 (out partly written) at a range that is empty or not inside the part. */
int64_t ds_point_hit_times(int64_t points, const int64_t *start, const int64_t *stop,
                           int64_t notes, const int8_t *tier, const double *hit_time_s,
                           int64_t good_tier, double *out) {
    for (int64_t j = 0; j < points; j++) {
        int64_t i = start[j];
        if (i < 0 || stop[j] <= i || stop[j] > notes) return -1;
        int64_t count = tier[i] <= good_tier;
        double total = count ? hit_time_s[i] : 0.0;
        for (i++; i < stop[j]; i++) {
            int ok = tier[i] <= good_tier;
            total = total + (ok ? hit_time_s[i] : 0.0);
            count += ok;
        }
        out[j] = count ? total / (double)count : NAN;
    }
    return 0;
}

/* Where each point of one part starts: a note more than tolerance_s after the one before
 * it starts a new point. Returns the number of points, or -1 if the times are not finite
 * and in order. */
static int64_t point_starts(int64_t n, const double *t, double tolerance_s, int64_t *starts) {
    int64_t points = 0;
    for (int64_t i = 0; i < n; i++) {
        if (!isfinite(t[i]) || (i && t[i] < t[i - 1])) return -1;
        if (i == 0 || t[i] - t[i - 1] > tolerance_s) starts[points++] = i;
    }
    starts[points] = n;
    return points;
}

/* The points the two parts share, one to one: for each point of part 1 (in order), the
 * first point of part 2 whose time is at or after its time - tolerance_s, if that is at or
 * before its time + tolerance_s and not already taken by the point before. Each shared
 * point's note range in each part goes to start1 / stop1 / start2 / stop2 (room for
 * min(n1, n2) entries); starts1 / starts2 are scratch of n1 + 1 and n2 + 1 entries.
 * Returns the number of shared points, or -1 if a part's times are not finite and in
 * order. */
int64_t ds_shared_points(int64_t n1, const double *t1, int64_t n2, const double *t2,
                         double tolerance_s, int64_t *starts1, int64_t *starts2,
                         int64_t *start1, int64_t *stop1, int64_t *start2, int64_t *stop2) {
    int64_t points1 = point_starts(n1, t1, tolerance_s, starts1);
    int64_t points2 = point_starts(n2, t2, tolerance_s, starts2);
    if (points1 < 0 || points2 < 0) return -1;
    int64_t shared = 0, j = 0, taken = -1;
    for (int64_t i = 0; i < points1; i++) {
        double time = t1[starts1[i]];
        double early = time - tolerance_s;
        double late = time + tolerance_s;
        while (j < points2 && t2[starts2[j]] < early) j++;
        if (j == points2) break;
        if (t2[starts2[j]] <= late && j > taken) {
            start1[shared] = starts1[i];
            stop1[shared] = starts1[i + 1];
            start2[shared] = starts2[j];
            stop2[shared] = starts2[j + 1];
            shared++;
            taken = j;
        }
    }
    return shared;
}

/* From each shared point's chart time (point_t1, point_t2) and hit time (hit_t1, hit_t2,
 * NaN where not hit), exactly as the numpy path works them out: which points both players
 * hit (both), the deltas (hit_t1 - hit_t2) * 1000 of those and their absolute values, and
 * the count of each sync tier (how many of the three edges_ms each absolute delta is
 * above). Then each player's interval deviations d[k] = (a[k + 1] - a[k]) * 1000 of
 * a = hit - chart time (NaN at a point not both hit), as the pairs the lag correlations
 * take: row 0 of lag_x / lag_y (lag -1) pairs d1[k + 1] with d2[k], row 1 (lag 0) d1[k]
 * with d2[k], row 2 (lag +1) d1[k] with d2[k + 1], each where both are finite, in order;
 * each row has room for `points` entries and lag_count gets how many it holds.
 * Returns the number of points both hit. */
int64_t ds_pair_deltas(int64_t points, const double *point_t1, const double *point_t2,
                       const double *hit_t1, const double *hit_t2, const double *edges_ms,
                       uint8_t *both, double *delta_ms, double *abs_delta_ms,
                       int64_t *tier_counts, double *lag_x, double *lag_y,
                       int64_t *lag_count) {
    int64_t count = 0, pairs[3] = {0, 0, 0};
    double previous1 = NAN, previous2 = NAN, d1_before = NAN, d2_before = NAN;
    double *x[3] = {lag_x, lag_x + points, lag_x + 2 * points};
    double *y[3] = {lag_y, lag_y + points, lag_y + 2 * points};
    for (int64_t t = 0; t < 4; t++) tier_counts[t] = 0;
    for (int64_t j = 0; j < points; j++) {
        int hit = !isnan(hit_t1[j]) && !isnan(hit_t2[j]);
        both[j] = (uint8_t)hit;
        double a1 = hit ? hit_t1[j] - point_t1[j] : NAN;
        double a2 = hit ? hit_t2[j] - point_t2[j] : NAN;
        if (j) { /* interval k = j - 1 */
            double d1 = (a1 - previous1) * 1000.0, d2 = (a2 - previous2) * 1000.0;
            int ok1 = isfinite(d1), ok2 = isfinite(d2);
            if (j > 1 && ok1 && isfinite(d2_before)) {
                x[0][pairs[0]] = d1;
                y[0][pairs[0]++] = d2_before;
            }
            if (ok1 && ok2) {
                x[1][pairs[1]] = d1;
                y[1][pairs[1]++] = d2;
            }
            if (j > 1 && isfinite(d1_before) && ok2) {
                x[2][pairs[2]] = d1_before;
                y[2][pairs[2]++] = d2;
            }
            d1_before = d1;
            d2_before = d2;
        }
        previous1 = a1;
        previous2 = a2;
        if (hit) {
            double delta = (hit_t1[j] - hit_t2[j]) * 1000.0;
            double size = fabs(delta);
            delta_ms[count] = delta;
            abs_delta_ms[count] = size;
            tier_counts[(size > edges_ms[0]) + (size > edges_ms[1]) + (size > edges_ms[2])]++;
            count++;
        }
    }
    for (int r = 0; r < 3; r++) lag_count[r] = pairs[r];
    return count;
}

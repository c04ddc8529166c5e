/*
 * The compiled scorer loops' shared declarations: their return codes and the functions one
 * file calls in another. Python reads the codes as drumsync/core/kernel/__init__.py names
 * them.
 */
#ifndef DRUMSYNC_KERNEL_H
#define DRUMSYNC_KERNEL_H

#include <stdint.h>

#define JUDGED 0
#define EVENTS_NOT_SORTED 1
#define EVENTS_NOT_FINITE -1
#define EVENTS_BAD_PLAYER -2
#define EVENTS_BAD_VOICE -3
#define POINT_OUTSIDE_PART -4
#define NO_MEMORY -5

int64_t ds_judge(int64_t n, const double *time_s, const int8_t *player, const int8_t *voice,
                 const double *offset_s, int64_t voice_count, const double *note_t,
                 const int64_t *note_of, const int64_t *start, double miss_s,
                 const double *edges_ms, int8_t *tier, double *offset_ms, double *hit_time_s,
                 double *judged_time_s, double *stray_p1, double *stray_p2,
                 int64_t *stray_count, int64_t *next);
void ds_unjudged(int64_t notes, const double *part_t, double miss_s, int64_t miss_tier,
                 int8_t *tier, double *offset_ms, double *hit_time_s, double *judged_time_s);
int64_t ds_fold(int64_t n, const int8_t *tier, const int64_t *order, const int64_t *base,
                const int64_t *step, int64_t miss_tier, int64_t combo_step, int64_t max_steps,
                int64_t *out);
int64_t ds_point_hit_times(int64_t points, const int64_t *start, const int64_t *stop,
                           int64_t notes, const int8_t *tier, const double *hit_time_s,
                           int64_t good_tier, double *out);

#endif

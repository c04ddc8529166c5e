"""A chart's notes grouped for judging: both parts' notes by (player, voice), time order kept.

The batch scorer matches each (player, voice)'s hits against that group's notes. Grouping is
a property of the chart alone, so it is made once per chart (:func:`note_groups`; the
chart is immutable) and shared by every match scored on it.

To find where a time falls among a group's notes without a binary search per hit, the song
is cut into equal *bins*, four per note of a group; a table gives each bin's first
note. :meth:`GroupBins.flat_bin` never decreases as time grows, so every note of a bin before
a time's bin lies before that time: the table gives a start that is never too far,
and a few exact comparisons finish the search (:func:`first_at_or_after`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .chart import Chart
from .judgement import check_judgeable
from .per_chart import PerChart
from .voices import VOICE_COUNT

#: Groups: player * VOICE_COUNT + voice.
GROUP_COUNT = 2 * VOICE_COUNT
#: Bins per note of a group: most times then need no step past their bin's first note...
BINS_PER_NOTE = 4
#: ... while the table stays this small; beyond it, a long chart gets one bin per note.
MAX_FINE_BINS = 1 << 20
#: Steps of exact comparison before the rest of a search is left to a binary search.
MAX_STEPS = 8


@dataclass(frozen=True, eq=False)
class GroupBins:
    """Each group's span of song time cut into ``BINS_PER_NOTE`` equal bins per note (one
    per note in a chart too long for that).

    Group g's bins are ``first[g] .. first[g + 1] - 1`` of one flat table, starting at
    ``origin_s[g]`` with ``per_s[g]`` bins to a second.
    """

    origin_s: np.ndarray
    per_s: np.ndarray
    first: np.ndarray

    @classmethod
    def spanning(cls, time_s: np.ndarray, start: np.ndarray) -> GroupBins:
        counts = np.diff(start)
        nonempty = counts > 0
        origin_s = np.zeros(len(counts))
        span_s = np.ones(len(counts))
        origin_s[nonempty] = time_s[start[:-1][nonempty]]
        span_s[nonempty] = np.maximum(time_s[start[1:][nonempty] - 1] - origin_s[nonempty], 1.0)
        per_note = BINS_PER_NOTE if BINS_PER_NOTE * len(time_s) <= MAX_FINE_BINS else 1
        bins = np.maximum(counts * per_note, 1)
        first = np.zeros(len(counts) + 1, dtype=np.intp)
        np.cumsum(bins, out=first[1:])
        return cls(origin_s, bins / span_s, first)

    def flat_bin(self, group, time_s: np.ndarray) -> np.ndarray:
        """Each time's bin of its group (an array of groups, or one for all), as an index of
        the flat table; times outside the group's span fall in its end bins."""
        with np.errstate(over="ignore"):  # far-off times overflow to inf: the end bins
            b = time_s - self.origin_s[group]
            b *= self.per_s[group]
        np.maximum(b, 0.0, out=b)
        np.minimum(b, 2.0**62, out=b)
        flat = b.astype(np.intp)
        flat += self.first[group]
        np.minimum(flat, self.first[group + 1] - 1, out=flat)
        return flat


@dataclass(frozen=True, eq=False)
class NoteGroups:
    """Both parts' notes, P1's then P2's, reordered by group (stable: time order within).

    ``note_of[i]`` is the i-th grouped note's index in the concatenated parts;
    ``time_s[i]`` its time; group ``g`` holds ``[start[g], start[g + 1])``.
    ``part_time_s`` is the concatenated parts' times in part order, ``split`` where P2 begins.
    ``padded_time_s`` is ``time_s`` and one more, +inf (``time_s`` is a view of it).
    ``first_in_bin[k]`` is the grouped index of the first note in flat bin k (of
    ``bins``) or a later bin of its group (``start[g + 1]`` when there is none); the bin
    table is made on first use (the compiled judge walks the notes without it).
    """

    note_of: np.ndarray
    time_s: np.ndarray
    start: np.ndarray
    part_time_s: np.ndarray
    split: int
    padded_time_s: np.ndarray

    @classmethod
    def of(cls, chart: Chart) -> NoteGroups:
        check_judgeable(chart)
        p1, p2 = chart.parts
        part_time_s = np.concatenate((p1.time_s, p2.time_s))
        key = np.concatenate((p1.voice, p2.voice + np.int8(VOICE_COUNT))).astype(np.int8)
        note_of = np.argsort(key, kind="stable")  # small ints: a radix sort
        counts = np.bincount(key, minlength=GROUP_COUNT)
        start = np.zeros(GROUP_COUNT + 1, dtype=np.intp)
        np.cumsum(counts, out=start[1:])
        padded_time_s = np.empty(len(note_of) + 1)  # one more, +inf: a search may look
        padded_time_s[-1] = np.inf  # one past the last note
        time_s = np.take(part_time_s, note_of, out=padded_time_s[:-1])
        for array in (note_of, padded_time_s, time_s, start, part_time_s):
            array.flags.writeable = False
        return cls(note_of, time_s, start, part_time_s, len(p1), padded_time_s)

    @cached_property
    def _bin_table(self) -> tuple[GroupBins, np.ndarray]:
        time_s, start = self.time_s, self.start
        bins = GroupBins.spanning(time_s, start)
        flat = np.empty(len(time_s), dtype=np.intp)
        for g in np.flatnonzero(np.diff(start)).tolist():
            flat[start[g] : start[g + 1]] = bins.flat_bin(g, time_s[start[g] : start[g + 1]])
        # Bins after the (j-1)-th note's, up to the j-th note's, start at note j.
        gaps = np.diff(flat, prepend=-1, append=int(bins.first[-1]) - 1)
        first_in_bin = np.repeat(np.arange(len(time_s) + 1), gaps)
        first_in_bin.flags.writeable = False
        return bins, first_in_bin

    @property
    def bins(self) -> GroupBins:
        return self._bin_table[0]

    @property
    def first_in_bin(self) -> np.ndarray:
        return self._bin_table[1]

    def first_at_or_after(
        self,
        group: np.ndarray,
        time_s: np.ndarray,
        inclusive: bool,
        not_before: np.ndarray | None = None,
        end: np.ndarray | None = None,
    ) -> np.ndarray:
        """Per query, the grouped index of the first note of its group at or after its time
        (``inclusive``: ``note >= t``, as ``searchsorted`` left) or strictly after it
        (``note > t``, as ``searchsorted`` right); the group's end when there is none.

        ``not_before`` (grouped indices known not to pass the answer) replaces the bin table
        as the starting point; ``end``, each query's group end, saves looking it up again.
        """
        if not_before is None:
            found = self.first_in_bin[self.bins.flat_bin(group, time_s)]
        else:
            found = np.array(not_before, dtype=np.intp)
        if end is None:
            end = self.start[group + 1]
        before = np.less if inclusive else np.less_equal  # the note is still before t
        # The first step runs over every query; the few that go on are then taken alone.
        step = (found < end) & before(self.padded_time_s[found], time_s)
        found += step
        active = np.flatnonzero(step)
        for _ in range(MAX_STEPS):
            if not len(active):
                return found
            here = found[active]
            step = (here < end[active]) & before(self.padded_time_s[here], time_s[active])
            active = active[step]
            found[active] += 1
        for g in np.unique(group[active]).tolist():  # crowded bins: a binary search
            mine = active[group[active] == g]
            notes = self.time_s[self.start[g] : self.start[g + 1]]
            side = "left" if inclusive else "right"
            found[mine] = self.start[g] + np.searchsorted(notes, time_s[mine], side=side)
        return found


#: The chart's :class:`NoteGroups`, made on first use (ValueError if not judgeable).
note_groups: PerChart[NoteGroups] = PerChart(NoteGroups.of)


__all__ = [
    "BINS_PER_NOTE",
    "GROUP_COUNT",
    "MAX_FINE_BINS",
    "MAX_STEPS",
    "GroupBins",
    "NoteGroups",
    "note_groups",
]

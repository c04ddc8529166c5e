"""The coordination analysis in plain words, for the text report and the results screen.

The sentences say what :mod:`.coordination` measured and nothing more: the strategy label,
each player's correction gain, the pair's drift and the sections. Drift is called rushing or
dragging only when it is at least ``DRIFT_WORTH_MS`` a bar and twice its standard error.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .coordination import Coordination

#: Smallest drift (ms per bar) worth a sentence.
DRIFT_WORTH_MS = 1.0
#: The gain that keeps a pair closest (Wing et al. 2014), named beside the players' gains.
IDEAL_GAIN = 0.25


#: A strategy told from the first name's side (a pair's history) in P1/P2 terms.
SIDE_TERMS = {"first_leads": "p1_leads", "second_leads": "p2_leads"}


#: Per strategy: the sentence and the short phrase ({first}/{second}: the players' names).
_STRATEGY_WORDS = {
    "mutual": ("you both adjusted to each other", "mutual adaptation"),
    "p1_leads": ("{second} followed {first}", "{first} led"),
    "p2_leads": ("{first} followed {second}", "{second} led"),
    "both_lead": ("you each kept your own time and still played together", "both leading"),
    "independent": ("you played independently: neither followed the other", "independent"),
    "unknown": ("too few hits together to tell how you played together", "too few hits to tell"),
}


def _strategy_words(strategy: str, names: tuple[str, str], which: int) -> str:
    template = _STRATEGY_WORDS[SIDE_TERMS.get(strategy, strategy)][which]
    return template.format(first=names[0], second=names[1])


def strategy_sentence(strategy: str, names: tuple[str, str] = ("P1", "P2")) -> str:
    return _strategy_words(strategy, names, 0)


def strategy_phrase(strategy: str, names: tuple[str, str] = ("P1", "P2")) -> str:
    """The strategy in a few words, for a table column or a legend ("Ada led")."""
    return _strategy_words(strategy, names, 1)


def history_line(
    names: tuple[str, str],
    sync_percents: Sequence[float | None],
    strategies: Sequence[str | None],
) -> str:
    """One line on a pair's matches (given oldest first): how many, the sync of the first
    and the latest, and the strategy they played most often (ties: the latest of them)
    ("Ada & Ben: 12 matches, sync 71% to 88%, most often mutual adaptation (7 of 12)")."""
    pair = f"{names[0]} & {names[1]}"
    total = len(strategies)
    if total == 0:
        return f"no duets recorded yet for {pair}"
    parts = [f"{pair}: {total} match{'es' if total != 1 else ''}"]
    syncs = [value for value in sync_percents if value is not None]
    if not syncs:
        parts.append("sync not measured")
    elif len(syncs) == 1:
        parts.append(f"sync {syncs[0]:.0f}%")
    else:
        parts.append(f"sync {syncs[0]:.0f}% to {syncs[-1]:.0f}%")
    known = [s for s in strategies if s is not None]
    if not known:
        parts.append("how they played together was not recorded")
    else:
        counts = Counter(known)
        top = max(counts.values())
        common = next(s for s in reversed(known) if counts[s] == top)
        phrase = strategy_phrase(common, names)
        parts.append(phrase if total == 1 else f"most often {phrase} ({top} of {total})")
    return ", ".join(parts)


def drift_sentence(coordination: Coordination) -> str:
    drift, se = coordination.drift_ms_per_bar, coordination.drift_se_ms_per_bar
    if drift is None:
        return "too few shared hits to tell your tempo"
    significant = se is None or abs(drift) >= 2 * se
    if abs(drift) < DRIFT_WORTH_MS or not significant:
        return "you held the tempo together"
    verb = "rushed" if drift < 0 else "dragged"
    return f"you {verb} together by {abs(drift):.0f} ms a bar"


def correction_sentence(coordination: Coordination, names: tuple[str, str] = ("P1", "P2")) -> str:
    """Each player's phase-correction gain as the share of each gap they closed."""
    if all(gain is None for gain in coordination.alpha):
        return "too few hits together to measure how much each of you corrected"
    shares = [
        "-" if gain is None else f"{100 * max(0.0, gain.alpha):.0f}%" for gain in coordination.alpha
    ]
    return (
        f"{names[0]} closed {shares[0]} of each gap, {names[1]} {shares[1]} "
        f"(about {100 * IDEAL_GAIN:.0f}% is ideal)"
    )


def sections_sentence(coordination: Coordination) -> str | None:
    best, worst = coordination.strongest_section(), coordination.weakest_section()
    if best is None or worst is None:
        return None
    if best is worst:
        return f"sync {best.percent:.0f}% in {best.name}"
    return (
        f"most together in {best.name} ({best.percent:.0f}%), "
        f"least in {worst.name} ({worst.percent:.0f}%)"
    )


def headline(strategy: str, names: tuple[str, str] = ("P1", "P2")) -> str:
    """The strategy sentence as a headline (capital first letter)."""
    sentence = strategy_sentence(strategy, names)
    return sentence[:1].upper() + sentence[1:]


def pair_sentences(coordination: Coordination, names: tuple[str, str] = ("P1", "P2")) -> list[str]:
    """The plain-word lines: strategy, correction, drift, sections (when known)."""
    lines = [
        strategy_sentence(coordination.strategy, names),
        correction_sentence(coordination, names),
        drift_sentence(coordination),
    ]
    sections = sections_sentence(coordination)
    if sections:
        lines.append(sections)
    return lines


__all__ = [
    "DRIFT_WORTH_MS",
    "IDEAL_GAIN",
    "correction_sentence",
    "drift_sentence",
    "headline",
    "history_line",
    "pair_sentences",
    "sections_sentence",
    "strategy_phrase",
    "strategy_sentence",
]

"""The framing contrast of a story: per article its genre, rates, counts by category and strongest spans, and
which outlet loads its wording more densely, by what ratio."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from framescope.models import Analysis, FramingSpan, Story

TOP_SPANS = 12


def _span_dict(s: FramingSpan) -> dict[str, Any]:
    return {"text": s.text, "start": s.start, "end": s.end, "field": s.field, "category": s.category,
            "technique": s.technique, "voice": s.voice, "confidence": s.confidence, "reason": s.reason}


def _article_entry(an: Analysis) -> dict[str, Any]:
    spans = an.framing.spans if an.framing else ()
    rates = dict(an.framing.rates) if an.framing else {}
    author = [s for s in spans if s.voice == "author"]
    # strongest first; among equals, the earlier span (readers go top-down)
    top = sorted(author, key=lambda s: (-s.confidence, s.field != "title", s.start))[:TOP_SPANS]
    return {
        "outlet": an.article.outlet,
        "title": an.article.title,
        "genre": an.genre.label if an.genre else None,
        "genre_confidence": an.genre.confidence if an.genre else None,
        "genre_signals": list(an.genre.signals) if an.genre else [],
        "words": len(an.article.text.split()),
        "rates": rates,
        "counts": dict(Counter(s.category for s in author)),
        "counts_by_voice": dict(Counter(s.voice for s in spans)),
        "top_spans": [_span_dict(s) for s in top],
    }


def contrast(story: Story, analyses: Mapping[str, Analysis]) -> dict[str, Any]:
    """{"articles": {article id: entry}, "denser": {...} | None, "summary": str}.

    `denser` names the article with the highest rate of loaded wording (author's voice; when every article has
    the same, all framing cues decide — `measure` says which) and its ratio to the lightest one; the ratio is
    None when the lightest has none at all (then `difference` says how many more per 1,000 words)."""
    entries = {aid: _article_entry(analyses[aid]) for aid in story.articles if aid in analyses}
    out: dict[str, Any] = {"articles": entries, "denser": None, "summary": ""}
    if len(entries) < 2:
        out["summary"] = "only one article: nothing to contrast"
        return out
    # Loaded wording decides; where it ties (often at zero) all framing cues in the author's voice decide.
    def rate(aid: str, key: str) -> float:
        return float(entries[aid]["rates"].get(key, 0.0))

    measure = "loaded"
    if len({rate(a, "loaded") for a in entries}) == 1:
        measure = "all"
    by_rate = sorted(entries, key=lambda a: (rate(a, measure), rate(a, "all")))
    low, high = by_rate[0], by_rate[-1]
    r_low, r_high = rate(low, measure), rate(high, measure)
    what = "loaded wording" if measure == "loaded" else "framing cues of any kind"
    if r_high == r_low:
        out["summary"] = f"{what} equally dense ({r_high:.1f} per 1,000 words)"
        return out
    ratio = round(r_high / r_low, 2) if r_low > 0 else None
    out["denser"] = {"article": high, "outlet": entries[high]["outlet"], "measure": measure, "rate": r_high,
                     "than": low, "than_outlet": entries[low]["outlet"], "than_rate": r_low, "ratio": ratio,
                     "difference": round(r_high - r_low, 2)}
    name_hi = entries[high]["outlet"] or high
    name_lo = entries[low]["outlet"] or low
    times = f"{ratio:.1f}× as densely as" if ratio else "more densely than"
    out["summary"] = (f"{name_hi} ({entries[high]['genre']}) uses {what} {times} {name_lo} "
                      f"({entries[low]['genre']}): {r_high:.1f} vs {r_low:.1f} per 1,000 words")
    return out

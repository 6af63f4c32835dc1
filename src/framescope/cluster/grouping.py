"""How a set of stories is grouped: the link threshold and whether embeddings are weighed.

A store records the grouping its stories were made with (`Store.grouping`), so that every later ingest
extends them the same way: an ingest without options takes the recorded grouping, and one that asks for
another is refused (`settle`), since one store would otherwise hold stories grouped two ways. A store is
moved to another grouping whole, by `framescope regroup`. The JSON of a run says how its stories were grouped
(`Grouping.document`, docs/json.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from framescope.errors import FramescopeError

if TYPE_CHECKING:
    from framescope.cluster.model import PairModel


@dataclass(frozen=True)
class Grouping:
    # None: the shipped model's fitted threshold, whatever it is in the running version (a store grouped at
    # the default follows the model's upgrades, as its rarities do); a number: the user's operating point.
    link_threshold: float | None = None
    embeddings: bool = False

    def threshold(self) -> float:
        """The link threshold in force (checked: FramescopeError outside 0-1)."""
        from framescope.cluster.model import at_threshold

        if self.link_threshold is None:
            return self.fitted()
        return at_threshold(self._model(), self.link_threshold).threshold

    def fitted(self) -> float:
        return self._model().threshold

    def _model(self) -> PairModel:
        from framescope.cluster.model import LEXICAL, WITH_EMBEDDINGS, load_model

        return load_model(WITH_EMBEDDINGS if self.embeddings else LEXICAL)

    def document(self) -> dict[str, float | bool]:
        """For a JSON document: the threshold in force, the fitted one and whether embeddings were weighed."""
        return {"link_threshold": self.threshold(), "fitted_link_threshold": self.fitted(),
                "embeddings": self.embeddings}

    def describe(self) -> str:
        how = "with embeddings" if self.embeddings else "without embeddings"
        if self.link_threshold is None:
            return f"at the fitted link threshold ({self.fitted():g}) {how}"
        return f"at link threshold {self.link_threshold:g} {how}"

    def record(self) -> dict[str, Any]:
        return {"link_threshold": self.link_threshold, "embeddings": self.embeddings}

    @classmethod
    def from_record(cls, raw: dict[str, Any]) -> Grouping:
        threshold = raw.get("link_threshold")
        return cls(None if threshold is None else float(threshold), bool(raw.get("embeddings", False)))


def settle(
    recorded: Grouping | None,
    *,
    has_stories: bool,
    link_threshold: float | None,
    embeddings: bool | None,
    where: str,
) -> Grouping:
    """The grouping an ingest into a store uses: the one it asks for (`None`: not given), which must agree
    with the one the store's stories were grouped with. A store with no recorded grouping but with stories
    was grouped before stores recorded it, at the fitted threshold (the only one an ingest could use), with
    or without embeddings: that is taken as it is asked. FramescopeError, naming the store (`where`) and the
    way out, when they disagree."""
    asked = Grouping(link_threshold, bool(embeddings))
    asked.threshold()  # a threshold outside 0-1 fails first, with its own line
    if recorded is None and has_stories:
        recorded = Grouping(None, asked.embeddings)
    if recorded is None:
        return asked
    same_threshold = link_threshold is None or _same(asked.threshold(), Grouping(recorded.link_threshold,
                                                                                 asked.embeddings).threshold())
    same_embeddings = embeddings is None or embeddings == recorded.embeddings
    if same_threshold and same_embeddings:
        return recorded
    wanted = Grouping(recorded.link_threshold if link_threshold is None else link_threshold,
                      recorded.embeddings if embeddings is None else embeddings)
    raise FramescopeError(
        f"{where}: its stories are grouped {recorded.describe()}; this run would group {wanted.describe()}, and one "
        f"store cannot hold stories grouped two ways: regroup the store first ({regroup_command(wanted)}), or "
        "leave the option out"
    )


def regroup_command(grouping: Grouping) -> str:
    parts = ["framescope regroup"]
    if grouping.link_threshold is not None:
        parts.append(f"--link-threshold {grouping.link_threshold:g}")
    if grouping.embeddings:
        parts.append("--embeddings")
    return " ".join(parts)


def _same(a: float, b: float) -> bool:
    return abs(a - b) < 1e-9

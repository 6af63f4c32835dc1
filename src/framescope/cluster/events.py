"""Group articles into stories, one article at a time, so batch and incremental runs share one code path.

Each new article is scored against its candidate neighbours (never all pairs), joins the story of its
best link when the pair model says "same event", starts a new story otherwise, and joins two stories when
it links to both strongly (a merge, recorded in the surviving story's history). Story ids come from the
founding article and never change; a merged story keeps the older id.

A story whose members fall into two groups that link much more within than between them (two events of one
kind chained by a few strong links) is cut in two (`split_incoherent`); two stories whose members link to
each other, on average, as one story's parts do are joined (`join_cohesive`).

Stories of an earlier run are re-checked against the evidence of the whole corpus now seen (rarities change as
articles arrive): a story's members are placed again among themselves by the same rule, and a story that falls
into parts is split. The part holding its founder keeps the id; each other part joins a story its articles
would rather be in (which keeps its id) or becomes a story of its own, named after its first article and the
story it left; splits and joins are recorded in the histories.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize

from framescope.cluster.features import (
    N_FEATURES,
    NUM_PERM,
    StoryFeatures,
    dense_vectors,
    idf,
    term_vectors,
    unit_rows,
    word_vectors,
)
from framescope.cluster.index import CandidateIndex
from framescope.cluster.matrices import (
    agreement,
    gram,
    key_indicators,
    key_kind,
    ratio,
    scale_columns,
    stack_rows,
    two_languages,
)
from framescope.cluster.model import ALL_FEATURES, LEXICAL, PairModel, load_model

MIN_CORPUS = 100
MIN_PART = 2  # split_incoherent makes no story smaller than this: one article's weak links are placement's call
# split_incoherent scores every pair of a story's members: a story bigger than this (headline-only input can
# chain into one) would cost minutes and memory for a check meant for the few events chained together
COHESION_MAX = 600
HOLD_APART = "hold together apart"  # the words of a cohesion split's note, by which `cohesion_splits` finds it
_COHESION_SPLIT = re.compile(rf"^split (\S+) from (\S+): .* on {HOLD_APART} ")
_UNDATED = -(2**40)  # the day number of an undated article: no date is that far back
NEAR_DUPLICATE = 0.5  # estimated shingle Jaccard above which two articles are copies of one text
# where each similarity sits in a row of values (model.ALL_FEATURES)
_WORDS, _KEYS, _CROSS, _SHINGLES, _NAMES, _NUMBERS, _EMBEDDING = (
    ALL_FEATURES.index(f)
    for f in ("words", "keys", "keys_cross_lingual", "shingles", "names", "numbers", "embedding")
)


def story_id(founder: str) -> str:
    return "s" + hashlib.sha256(founder.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Rarities:
    """How many documents of a whole corpus hold each term, for grouping a part of it (an ingest's time
    window) with the rarities of the whole, as a batch run over everything would. Only the terms of the
    articles being grouped need to be present."""

    n_docs: int
    words: Mapping[int, int]  # hashed word bucket (see features.term_vectors) -> documents holding it
    keys: Mapping[str, int]  # name or number key -> documents holding it


def document_terms(feats: Sequence[StoryFeatures]) -> list[tuple[frozenset[int], frozenset[str]]]:
    """Each article's distinct hashed word buckets and keys: what a corpus counts to know its rarities."""
    if not feats:
        return []
    terms = term_vectors(list(feats))
    return [
        (frozenset(terms.indices[terms.indptr[i] : terms.indptr[i + 1]].tolist()), f.keys)
        for i, f in enumerate(feats)
    ]


@dataclass
class _Story:
    id: str
    members: list[int] = field(default_factory=list)
    history: list[str] = field(default_factory=list)


class StoryBuilder:
    def __init__(self, model: PairModel | None = None) -> None:
        self.model = model or load_model()
        self.feats: list[StoryFeatures] = []
        self._terms: sparse.csr_matrix | None = None
        self._weighted: sparse.csr_matrix | None = None  # TF-IDF rows, L2-normalised, as of when each was added
        self._norms: list[tuple[float, float, float, float, float]] = []  # see _norm
        self._buffer = np.zeros(N_FEATURES, dtype=np.float32)
        # every article's MinHash values, one row each (they are below 2**32: datasketch masks them so)
        self._signatures = np.zeros((0, NUM_PERM), dtype=np.uint32)
        self._days = np.zeros(0, dtype=np.int64)  # every article's date as a day number, or _UNDATED
        self._key_w2: dict[str, float] = {}  # squared rarity weight per key, valid while the counts are
        self.word_df = np.zeros(N_FEATURES, dtype=np.float32)
        self.index = CandidateIndex(window_days=self.model.window_days)
        self.story_of: list[str] = []
        self.stories: dict[str, _Story] = {}
        self.links: dict[tuple[int, int], float] = {}  # accepted links, for explanations
        # articles that a later article linked to without joining their story: `refine` looks at them again
        self.contested: set[int] = set()
        # links (j, i) from an article i to a candidate j in another story (i placed, moved by `refine`, or
        # kept in its story from an earlier run): the story pairs `join_cohesive` looks at
        self.across: set[tuple[int, int]] = set()
        self._linked_to: list[int] = []  # the candidates the last `_eligible` call found linked
        self._primed: set[str] = set()
        self._primed_terms: tuple[sparse.csr_matrix, dict[str, int]] | None = None
        self.n_docs = 0

    def prime(self, feats: list[StoryFeatures]) -> None:
        """Count word and key rarities over a whole batch before placing any of it, so the first articles
        placed are weighed with the same rarities as the last ones."""
        if not feats:
            return
        terms = term_vectors(feats)
        self.word_df += np.bincount(terms.indices, minlength=N_FEATURES).astype(np.float32)
        for f in feats:
            self.index.df.update(f.keys)
            self._primed.add(f.id)
        self.n_docs += len(feats)
        # kept until these articles are added, so that `add` does not hash their words a second time
        self._primed_terms = (terms, {f.id: row for row, f in enumerate(feats)})

    def prime_with(self, rarities: Rarities, feats: Sequence[StoryFeatures]) -> None:
        """Take the rarities of a whole corpus (which `feats` are part of and already counted in) instead of
        counting them over `feats`."""
        for idx, _ in document_terms(feats):
            for t in idx:
                self.word_df[t] = rarities.words.get(t, 0)
        for f in feats:
            for k in f.keys:
                self.index.df[k] = rarities.keys.get(k, 0)
            self._primed.add(f.id)
        self.n_docs = max(self.n_docs, rarities.n_docs)
        self._key_w2.clear()

    # ------------------------------------------------------------------ similarities

    def _row(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        assert self._terms is not None
        lo, hi = self._terms.indptr[i], self._terms.indptr[i + 1]
        return self._terms.indices[lo:hi], self._terms.data[lo:hi]

    def _n(self) -> int:
        # A handful of articles says nothing about how rare a word is; rarities are computed as if the
        # input were a sample of a corpus of at least MIN_CORPUS articles, so with few articles every word
        # and name weighs alike, and with many their real rarity takes over.
        return max(self.n_docs + 1, MIN_CORPUS)

    def _w2(self, key: str) -> float:
        w2 = self._key_w2.get(key)
        if w2 is None:
            w2 = self._key_w2[key] = math.log(1.0 + self._n() / (1 + self.index.df.get(key, 0))) ** 2
        return w2

    def _keys(self, i: int, j: int) -> tuple[float, float, float]:
        """Rarity-weighted cosines of the two articles' keys: all of them, names only, numbers only. Between two
        articles in cased scripts skeleton keys are left out (exact names decide); with a caseless article
        they count (see StoryFeatures.caseless)."""
        fi, fj = self.feats[i], self.feats[j]
        shared = fi.keys & fj.keys
        if not shared:
            return 0.0, 0.0, 0.0
        caseless = fi.caseless or fj.caseless
        names_w: list[float] = []
        numbers_w: list[float] = []
        for k in shared:
            if k.startswith("n:"):
                numbers_w.append(self._w2(k))
            elif caseless or not k.startswith("s:"):
                names_w.append(self._w2(k))
        names, numbers = exact_sum(names_w), exact_sum(numbers_w)
        ni, nj = self._norms[i], self._norms[j]
        whole = (ni[0] * nj[0]) if caseless else (ni[1] * nj[1])
        name_den = (ni[3] * nj[3]) if caseless else (ni[2] * nj[2])
        num_den = ni[4] * nj[4]
        return (
            (names + numbers) / whole if whole else 0.0,
            names / name_den if name_den else 0.0,
            numbers / num_den if num_den else 0.0,
        )

    def _norm(self, keys: frozenset[str]) -> tuple[float, float, float, float, float]:
        """Norms of an article's key weights: all keys, all but skeletons, exact names, names with skeletons,
        numbers."""
        parts: dict[str, list[float]] = {"n": [], "s": [], "e": []}
        for k in keys:
            parts[key_kind(k)].append(self._w2(k))
        num, sound, exact = (exact_sum(parts[kind]) for kind in ("n", "s", "e"))
        return (math.sqrt(num + exact + sound), math.sqrt(num + exact), math.sqrt(exact),
                math.sqrt(exact + sound), math.sqrt(num))

    def _values(self, i: int, js: Sequence[int], words: Sequence[float]) -> np.ndarray:
        """The similarities of article i with each article of `js` (one row each, in the order of
        model.ALL_FEATURES), `words` being their word cosines: computed for all of an article's candidates at
        once, since per-pair Python calls were most of the grouping time."""
        feats, fi = self.feats, self.feats[i]
        language, ea = fi.language, fi.embedding
        out = np.zeros((len(js), len(ALL_FEATURES)), dtype=np.float64)
        out[:, _WORDS] = words
        rows = [(*self._keys(i, j), feats[j]) for j in js]  # (keys, names, numbers, the other article)
        if rows:
            out[:, [_KEYS, _NAMES, _NUMBERS]] = [r[:3] for r in rows]
        if language:
            # keys again where the two languages differ (0 otherwise)
            out[:, _CROSS] = [r[0] if (b := r[3].language) and b != language else 0.0 for r in rows]
        if ea is not None:
            out[:, _EMBEDDING] = [
                float(np.dot(ea, eb)) if (eb := r[3].embedding) is not None else 0.0 for r in rows
            ]
        # estimated shingle Jaccard, as datasketch's MinHash.jaccard computes it, over the signature matrix
        out[:, _SHINGLES] = np.count_nonzero(self._signatures[list(js)] == self._signatures[i], axis=1) / NUM_PERM
        return out

    def _wrow(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        assert self._weighted is not None
        lo, hi = self._weighted.indptr[i], self._weighted.indptr[i + 1]
        return self._weighted.indices[lo:hi], self._weighted.data[lo:hi]

    def all_values(self, i: int, j: int) -> tuple[float, ...]:
        """Every similarity of articles i and j, one per entry of model.ALL_FEATURES."""
        (ia, va), (ib, vb) = self._wrow(i), self._wrow(j)
        _, pa, pb = np.intersect1d(ia, ib, assume_unique=True, return_indices=True)
        return tuple(self._values(i, [j], [float(np.dot(va[pa], vb[pb]))])[0].tolist())

    def pair_values(self, i: int, j: int) -> tuple[float, ...]:
        """The pair model's inputs for articles i and j, in the order of its `features`."""
        values = self.all_values(i, j)
        return tuple(values[k] for k in self.model.columns)

    def _score(self, i: int, j: int, values: tuple[float, ...]) -> tuple[float, float]:
        """The pair's probability of one event, and the threshold it must reach (see _scores)."""
        p, t = self._scores(i, [j], np.asarray([values], dtype=np.float64))
        return float(p[0]), float(t[0])

    def _scores(self, i: int, js: Sequence[int], values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each pair's probability of one event, and the threshold it must reach (see _pair_scores)."""
        cross = np.zeros(len(js), dtype=bool)
        if self.model.embeddings and (a := self.feats[i].language):
            cross[:] = [bool((b := self.feats[j].language) and b != a) for j in js]
        return self._pair_scores(values, cross)

    def _pair_scores(self, values: np.ndarray, cross: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The probability of one event of each row of `values`, and the threshold it must reach; `cross` says
        which pairs are in two languages. An English sentence-embedding model says nothing across languages, so
        such pairs are judged by the lexical model."""
        probs = self.model.probabilities(values)
        thresholds = np.full(len(values), self.model.threshold)
        if self.model.embeddings and cross.any():
            lexical = load_model(LEXICAL)
            probs[cross] = lexical.probabilities(values[cross])
            thresholds[cross] = lexical.threshold if self.model.cross_threshold is None else self.model.cross_threshold
        copies = values[:, _SHINGLES] >= NEAR_DUPLICATE
        probs[copies], thresholds[copies] = 1.0, 0.0
        return probs, thresholds

    def probability(self, i: int, j: int) -> float:
        return self._score(i, j, self.all_values(i, j))[0]

    def _in_window(self, i: int, j: int) -> bool:
        a, b = self.feats[i].when, self.feats[j].when
        return a is None or b is None or abs((a - b).days) <= self.model.window_days

    def _window(self, i: int, js: list[int]) -> list[int]:
        """The articles of `js` in article i's time window (what _in_window says of each), at once."""
        if self._days[i] == _UNDATED or not js:
            return js
        days = self._days[js]
        keep = (days == _UNDATED) | (np.abs(days - self._days[i]) <= self.model.window_days)
        return [j for j, k in zip(js, keep.tolist(), strict=True) if k]

    # ------------------------------------------------------------------ building

    def load(self, feats: Sequence[StoryFeatures]) -> sparse.csr_matrix:
        """Take in articles for their similarities alone (`all_values`): their words and weights, MinHash
        signatures, days and key norms, counted into the rarities unless primed; no index entry, no story.
        `add` does this first. Returns their term counts."""
        batch = list(feats)
        first = len(self.feats)
        self.feats.extend(batch)
        terms = self._batch_terms(batch)
        terms.sort_indices()
        self._terms = terms if self._terms is None else sparse.vstack([self._terms, terms]).tocsr()
        signatures = np.array([f.minhash.hashvalues for f in batch], dtype=np.uint32)
        self._signatures = np.concatenate([self._signatures, signatures])
        days = [f.when.toordinal() if f.when is not None else _UNDATED for f in batch]
        self._days = np.concatenate([self._days, np.array(days, dtype=np.int64)])
        for offset, f in enumerate(batch):
            if f.id not in self._primed:
                self.index.df.update(f.keys)
                self.word_df[self._row(first + offset)[0]] += 1
                self.n_docs += 1
                self._key_w2.clear()
        # Weights are fixed when an article is added: in a batch every rarity was counted beforehand, so
        # they are final; in a stream they are the rarities seen so far.
        n = self._n()
        weighted = terms.copy()
        weighted.data = weighted.data * idf(self.word_df[weighted.indices], n)
        weighted = normalize(weighted)
        weighted.sort_indices()
        self._weighted = weighted if self._weighted is None else sparse.vstack([self._weighted, weighted]).tocsr()
        self._norms.extend(self._norm(f.keys) for f in batch)
        return terms

    def add(self, feats: Iterable[StoryFeatures], assigned: Mapping[str, str] | None = None) -> None:
        """Add articles in the order given. `assigned` maps already-grouped article ids to their story ids
        (from an earlier run): those keep their story, and only the others are decided here."""
        batch = list(feats)
        if not batch:
            return
        first = len(self.feats)
        terms = self.load(batch)
        dense = dense_vectors(unit_rows(terms))  # = word_vectors(batch), without hashing the words again
        assigned = assigned or {}
        # Everything in the batch goes into the index at once and is searched at once (batched calls are
        # what make the index fast); placing then looks only at neighbours that came earlier, exactly as if
        # the articles had arrived one by one.
        whens = [f.when for f in batch]
        self.index.add(dense, [f.keys for f in batch], first, whens, self._signatures[first:])
        near = self.index.vector_neighbours(dense, whens, 2 * self.index.neighbours)
        for offset, f in enumerate(batch):
            i = first + offset
            known = assigned.get(f.id)
            earlier = [int(j) for j in near[offset] if 0 <= j < i][: self.index.neighbours]
            earlier += [j for j in self._other_neighbours(i) if j < i]
            if known is not None:
                self._join(known, i)
                if self.model.join_mean > 0:
                    # not placed again, but its links to other stories are what join_cohesive looks at, as in
                    # a batch run, which found them when it placed the article
                    self._eligible(i, set(earlier), self.story_of.__getitem__, lambda s: self.stories[s].members)
                    self.across.update((k, i) for k in self._linked_to if self.story_of[k] != known)
                continue
            self._place(i, set(earlier))

    def _reachable(self, members: Sequence[int], i: int) -> int:
        """How many of a story's `members` article i could link to: those in its time window. A story that
        runs longer than the window (a chain of follow-ups) is joined through its recent members alone.
        Counted from the latest members back, and only as far as the model's support cap needs."""
        cap = self.model.support_cap
        n = 0
        for m in reversed(members):
            if self._in_window(i, m):
                n += 1
                if n >= cap:
                    break
        return n

    def _batch_terms(self, batch: list[StoryFeatures]) -> sparse.csr_matrix:
        """term_vectors(batch), taken from what `prime` hashed when it covered the whole batch."""
        if self._primed_terms is not None:
            terms, row = self._primed_terms
            if all(f.id in row for f in batch):
                out: sparse.csr_matrix = terms[[row[f.id] for f in batch]]
                if len(self.feats) >= len(row):  # every primed article is in: the copy has served
                    self._primed_terms = None
                return out
        return term_vectors(batch)

    def _eligible(
        self, i: int, candidates: Iterable[int], group_of: Callable[[int], str], members: Callable[[str], list[int]]
    ) -> list[tuple[str, float, int]]:
        """The groups (stories, or parts of one) article i may join, best first, as (group, probability of its
        best link, the article of that link): a group qualifies on the strength of its best link if enough of
        its members link (model.links_needed), or if article i is a copy of one of them. `group_of` maps a
        candidate to its group, `members` a group to its members in arrival order."""
        assert self._weighted is not None
        best: dict[str, tuple[float, int]] = {}
        near = self._window(i, sorted(candidates))
        if not near:
            return []
        # Article i's weights are scattered once into a dense buffer; each candidate's dot product is then a
        # gather over its own few hundred terms (no per-pair sparse-matrix objects).
        idx_i, val_i = self._wrow(i)
        self._buffer[idx_i] = val_i
        words = [float(np.dot(self._buffer[idx], val)) for idx, val in map(self._wrow, near)]
        self._buffer[idx_i] = 0.0
        links: dict[str, int] = {}
        values = self._values(i, near, words)
        probs, thresholds = self._scores(i, near, values)
        self._linked_to = []
        # A copy of a member's text is that member's report again: its group qualifies on that one link (the
        # support rule is against one strong link chaining two events, which a copy of one text cannot be).
        copied: set[str] = set()
        copies = (values[:, _SHINGLES] >= NEAR_DUPLICATE).tolist()
        for j, p, threshold, copy in zip(near, map(float, probs), thresholds, copies, strict=True):
            if p < threshold:
                continue
            self._linked_to.append(j)
            gid = group_of(j)
            links[gid] = links.get(gid, 0) + 1
            if copy:
                copied.add(gid)
            if p > best.get(gid, (0.0, -1))[0]:
                best[gid] = (p, j)
        ranked = sorted(
            ((gid, p, j) for gid, (p, j) in best.items()
             if gid in copied or links[gid] >= self.model.links_needed(self._reachable(members(gid), i))),
            key=lambda r: (-r[1], r[0]),
        )
        return ranked

    def _place(self, i: int, candidates: set[int]) -> None:
        ranked = self._eligible(i, candidates, self.story_of.__getitem__, lambda sid: self.stories[sid].members)
        linked = self._linked_to
        if not ranked:
            self._join(story_id(self.feats[i].id), i)
            self.contested.update(linked)
            self.across.update((k, i) for k in linked)
            return
        target, p, j = ranked[0]
        self._join(target, i)
        self.contested.update(k for k in linked if self.story_of[k] != target)
        self.across.update((k, i) for k in linked if self.story_of[k] != target)
        self.links[(j, i)] = p
        for other, q, k in ranked[1:]:
            if q >= self.model.merge_threshold and other in self.stories and other != target:
                target = self._merge(other, target, f"article {self.feats[i].id} links both (p={q:.2f})")
                self.links[(k, i)] = q

    def refine(self, ids: Iterable[int]) -> int:
        """One more look at articles of this run that a later article linked to without joining their story
        (`contested`): placed before the articles now around them arrived, each moves to the story it would
        rather be in, the best-linked one that qualifies under the support rule, its own story judged without
        it. Founders of stories that others joined stay, so a story id keeps naming a member; a story of one
        article can be left empty, and goes. Returns how many moved."""
        ids = sorted(i for i in ids if i in self.contested)
        if not ids:
            return 0
        feats = [self.feats[i] for i in ids]
        dense = dense_vectors(word_vectors(feats))
        near = self.index.vector_neighbours(dense, [f.when for f in feats], 2 * self.index.neighbours)
        moved = 0
        for row, i in enumerate(ids):
            own = self.stories[self.story_of[i]]
            if own.members[0] == i and len(own.members) > 1:
                continue
            candidates = {int(j) for j in near[row]} | self._other_neighbours(i)
            candidates = {j for j in candidates if 0 <= j < len(self.story_of) and j != i}
            # i cannot link to itself: counted among its own story's members it would raise the links needed
            ranked = self._eligible(i, candidates, self.story_of.__getitem__, partial(self._others_of, i))
            self.across.update((min(i, k), max(i, k)) for k in self._linked_to)
            if not ranked or ranked[0][0] == own.id:
                continue
            target, p, j = ranked[0]
            own.members.remove(i)
            if not own.members:
                del self.stories[own.id]
            self.stories[target].members = sorted([*self.stories[target].members, i])
            self.story_of[i] = target
            self.links[(j, i)] = p
            moved += 1
        return moved

    def _other_neighbours(self, i: int) -> set[int]:
        """Article i's candidates besides its vector neighbours: articles sharing two of its rare keys (other
        languages) and its likely copies (MinHash LSH)."""
        return self.index.key_neighbours(self.feats[i].keys) | self.index.copy_neighbours(i)

    def _others_of(self, i: int, sid: str) -> list[int]:
        """The members of story `sid` other than article i."""
        return [m for m in self.stories[sid].members if m != i]

    # ------------------------------------------------------------------ splits

    def _linked(self, i: int, j: int) -> bool:
        if not self._in_window(i, j):
            return False
        p, threshold = self._score(i, j, self.all_values(i, j))
        return p >= threshold

    def split_unlinked(self, story_ids: Iterable[str]) -> list[str]:
        """Split each of these stories into its connected parts under today's links (see the module's
        docstring); a part that now links to another story joins it. Returns the ids of the stories made by
        splits (those that stand alone). Links are looked for among each member's
        candidate neighbours inside its story, so a large story costs what placing its articles cost."""
        made: list[str] = []
        for sid in sorted(set(story_ids)):
            story = self.stories.get(sid)
            if story is None or len(story.members) < 2:
                continue
            parts = self._components(story.members)
            if len(parts) == 1:
                continue
            parts.sort(key=min)
            # the part holding the article the story is named after (refine may have moved an earlier one in)
            members = sorted(story.members)
            namesake = members[self._founder_row(sid, members)]
            keep = next(p for p in parts if namesake in p)
            story.members = sorted(keep)
            for part in parts:
                if part is keep:
                    continue
                founder = self.feats[min(part)].id
                # Named after its first article and the story it leaves, never the founder's own id: that may
                # be a story of the store not loaded here (the founder founded it, and it lives on). Counted
                # on if a story here has that name already.
                new = self._split_id(founder, sid)
                note = (f"split {new} from {sid}: {len(part)} article(s) from {founder} on no longer link to the "
                        f"other {len(keep)}")
                self.stories[new] = _Story(new, sorted(part), [note])
                story.history.append(note)
                for m in part:
                    self.story_of[m] = new
                made.append(new)
        return [sid for sid in made if not self._rehome(sid)]

    # ------------------------------------------------------------------ cohesion

    def split_incoherent(self, story_ids: Iterable[str]) -> list[str]:
        """Split each of these stories where its members fall into groups that hold together much more
        strongly within than between them. Two events of one kind chained into one story by a few strong links
        (two quakes in one region, two arrests of one team's players) look like that; the reports of one event,
        whatever angle each takes, do not. A story of at least 2 * MIN_PART members is cut in two by average
        linkage over its members' link probabilities; the cut stands when the mean link between the two parts
        is below model.cohesion times the mean of the parts' mean links within, and each part is looked at
        again. A pair out of each other's time window, or in two languages, says nothing and is left out of the
        means. The part holding the article the story is named after keeps the id; each other part becomes a
        story of its own, named after its first article and the story it left, recorded in both histories.
        Stories of more than COHESION_MAX members are left whole (every pair is scored). Returns the ids made."""
        if self.model.cohesion <= 0:
            return []
        made: list[str] = []
        for sid in sorted(set(story_ids)):
            story = self.stories.get(sid)
            if story is None or not 2 * MIN_PART <= len(story.members) <= COHESION_MAX:
                continue
            members = sorted(story.members)
            probs = self._member_probabilities(members)
            parts: list[np.ndarray] = []
            self._cut(probs, np.arange(len(members)), parts)
            if len(parts) == 1:
                continue
            first = self._founder_row(sid, members)
            keep = next(p for p in parts if first in p)
            story.members = [members[x] for x in keep]
            for part in parts:
                if part is keep:
                    continue
                founder = self.feats[members[part[0]]].id
                new = self._split_id(founder, sid)
                between = _known_mean(probs[np.ix_(part, keep)])
                note = (f"split {new} from {sid}: {len(part)} article(s) from {founder} on {HOLD_APART} "
                        f"from the other {len(keep)} (mean link between them {between:.2f})")
                self.stories[new] = _Story(new, [members[x] for x in part], [note])
                story.history.append(note)
                for x in part:
                    self.story_of[members[x]] = new
                made.append(new)
        return made

    def rejoin(self, pairs: Iterable[tuple[str, str]]) -> list[str]:
        """Join again each (story, part) pair that an earlier run's cohesion split made, where that very cut,
        with the articles that arrived since on either side, no longer stands (the mean link between the two
        is at least model.cohesion times their mean links within): a cut made on a story's first few articles
        is not kept once later ones show the two hold together. The cut itself is tested, not whatever cut
        average linkage finds in the two together: that one may be another, which fails the test while the
        recorded one still stands, and would join two events a batch run keeps apart. The story keeps its id;
        recorded. Returns the ids of the parts joined back."""
        joined: list[str] = []
        for sid, part_id in pairs:
            story, part = self.stories.get(sid), self.stories.get(part_id)
            if story is None or part is None or sid == part_id:
                continue
            members = sorted(story.members + part.members)
            if len(members) > COHESION_MAX:
                continue
            probs = self._member_probabilities(members)
            rows = np.searchsorted(members, part.members)
            others = np.setdiff1d(np.arange(len(members)), rows)
            between = _known_mean(probs[np.ix_(rows, others)])
            if self._apart(probs, rows, others) or math.isnan(between):
                continue
            story.members = members
            for m in part.members:
                self.story_of[m] = sid
            story.history.append(f"merged {part_id} into {sid}: their {len(members)} articles hold together again "
                                 f"(mean link between them {between:.2f})")
            del self.stories[part_id]
            joined.append(part_id)
        return joined

    def join_cohesive(self) -> list[str]:
        """Join two stories whose members link to each other, on average, at least model.join_mean and as
        strongly as the cohesion test asks of one story's parts (the mean link between them at least
        model.cohesion times the mean of their mean links within, known for one of them at least): one event's
        reports that placement left in two stories, because no article of either linked to enough members of
        the other when it arrived. The pairs looked at are the stories that placement found linked
        (`across`); the strongest pair is joined first, and the joined story is looked at again with its other
        neighbours. The story founded first keeps its id; recorded. Returns the ids of the stories joined into
        another."""
        if self.model.join_mean <= 0:
            return []
        neighbours: dict[str, set[str]] = {}
        for i, j in self.across:
            sa, sb = self.story_of[i], self.story_of[j]
            if sa != sb:
                neighbours.setdefault(sa, set()).add(sb)
                neighbours.setdefault(sb, set()).add(sa)
        heap: list[tuple[float, str, str, int, int]] = []

        def push(sa: str, sb: str) -> None:
            sa, sb = sorted((sa, sb))
            a, b = self.stories[sa].members, self.stories[sb].members
            between = self._joinable(a, b)
            if between is not None:  # with the sizes judged at, to tell a stale entry
                heapq.heappush(heap, (-between, sa, sb, len(a), len(b)))

        for sa in sorted(neighbours):
            for sb in sorted(neighbours[sa]):
                if sa < sb:
                    push(sa, sb)
        gone: list[str] = []
        while heap:
            neg, sa, sb, na, nb = heapq.heappop(heap)
            a, b = self.stories.get(sa), self.stories.get(sb)
            if a is None or b is None:
                continue
            if (len(a.members), len(b.members)) != (na, nb):
                push(sa, sb)  # one of them has grown since: judged again as it is now
                continue
            kept = self._merge(sa, sb, f"their {na} and {nb} articles link {-neg:.2f} on average")
            lost = sb if kept == sa else sa
            gone.append(lost)
            near = (neighbours.pop(lost, set()) | neighbours.get(kept, set())) - {kept, lost}
            neighbours[kept] = near
            for other in sorted(near):
                neighbours[other] = (neighbours.get(other, set()) - {lost}) | {kept}
                if other in self.stories:
                    push(kept, other)
        return gone

    def _joinable(self, a: list[int], b: list[int]) -> float | None:
        """The mean link between stories of members `a` and `b` when join_cohesive would join them, else None."""
        if len(a) + len(b) > COHESION_MAX:
            return None
        # the links between first: most pairs of stories placement found linked fail on them, and they cost
        # |a| x |b| pairs where the links within cost about as many again
        between = _known_mean(self._between(a, b))
        if math.isnan(between) or between < self.model.join_mean:
            return None
        within = [w for w in (_known_mean(self._member_probabilities(a)), _known_mean(self._member_probabilities(b)))
                  if not math.isnan(w)]
        # Neither story has a link within that says how strongly its own members hold together (one article
        # each, or translations of one article, whose pairs in two languages say nothing): no evidence that
        # the two hold together as well. Placement is what joins such stories.
        if not within or between < self.model.cohesion * float(np.mean(within)):
            return None
        return between

    def _between(self, a: list[int], b: list[int]) -> np.ndarray:
        """The link probability of each article of `a` with each of `b`, NaN where _member_probabilities
        says nothing (out of each other's time window, in two languages)."""
        probs = self._probabilities(a, b)
        probs[self._unknown(a, b)] = np.nan
        return probs

    def _probabilities(self, a: list[int], b: list[int]) -> np.ndarray:
        """The link probability of each article of `a` with each of `b` (len(a) x len(b)), as placement scores
        a candidate (_values, _scores), all pairs at once in a few matrix products: the cohesion checks score
        every pair of a story's members, and one call per article was most of their time."""
        values = self._values_between(a, b)
        cross = two_languages([self.feats[i].language for i in a], [self.feats[j].language for j in b])
        probs, _ = self._pair_scores(values.reshape(-1, len(ALL_FEATURES)), cross.ravel())
        return probs.reshape(len(a), len(b))

    def _values_between(self, a: list[int], b: list[int]) -> np.ndarray:
        """What _values computes for each pair of an article of `a` and one of `b`: len(a) x len(b) x
        model.ALL_FEATURES (sums over shared keys may differ from _keys' in their last bits)."""
        assert self._weighted is not None
        out = np.zeros((len(a), len(b), len(ALL_FEATURES)))
        words = stack_rows([self._wrow(i) for i in (*a, *b)])
        out[..., _WORDS] = gram(words[: len(a)], words[len(a) :])
        fa, fb = [self.feats[i] for i in a], [self.feats[j] for j in b]
        shared: dict[str, np.ndarray] = {}
        for kind, (keys, present) in key_indicators([f.keys for f in (*fa, *fb)]).items():
            w2 = np.array([self._w2(k) for k in keys] or [0.0])
            shared[kind] = gram(scale_columns(present[: len(a)], w2), present[len(a) :])
        caseless = np.array([f.caseless for f in fa])[:, None] | np.array([f.caseless for f in fb])[None, :]
        names = shared["e"] + np.where(caseless, shared["s"], 0.0)
        numbers = shared["n"]
        na, nb = np.array([self._norms[i] for i in a]), np.array([self._norms[j] for j in b])  # see _norm
        whole = np.where(caseless, np.outer(na[:, 0], nb[:, 0]), np.outer(na[:, 1], nb[:, 1]))
        name_den = np.where(caseless, np.outer(na[:, 3], nb[:, 3]), np.outer(na[:, 2], nb[:, 2]))
        keys_all = ratio(names + numbers, whole)
        out[..., _KEYS] = keys_all
        out[..., _NAMES] = ratio(names, name_den)
        out[..., _NUMBERS] = ratio(numbers, np.outer(na[:, 4], nb[:, 4]))
        cross = two_languages([f.language for f in fa], [f.language for f in fb])
        out[..., _CROSS] = np.where(cross, keys_all, 0.0)
        ea, eb = [f.embedding for f in fa], [f.embedding for f in fb]
        if any(e is not None for e in ea) and any(e is not None for e in eb):
            dim = next(e for e in (*ea, *eb) if e is not None).shape[0]
            za, zb = (np.vstack([e if e is not None else np.zeros(dim) for e in es]).astype(np.float64)
                      for es in (ea, eb))
            out[..., _EMBEDDING] = za @ zb.T
        out[..., _SHINGLES] = agreement(self._signatures[a], self._signatures[b])  # as _values estimates it
        return out

    def _unknown(self, a: list[int], b: list[int]) -> np.ndarray:
        """Which pairs of articles of `a` and `b` say nothing of a story's cohesion: both dated and further apart
        than the time window, or in two languages (see _member_probabilities)."""
        da, db = self._days[a], self._days[b]
        out = ((np.abs(da[:, None] - db[None, :]) > self.model.window_days)
               & (da != _UNDATED)[:, None] & (db != _UNDATED)[None, :])
        la = np.array([self.feats[i].language or "" for i in a])
        lb = np.array([self.feats[j].language or "" for j in b])
        out |= (la[:, None] != lb[None, :]) & (la[:, None] != "") & (lb[None, :] != "")
        return out

    def _founder_row(self, sid: str, members: list[int]) -> int:
        """Where among `members` the article the story is named after is (a refined story's first member may
        be an earlier article that moved in); a story made by a split is named otherwise: its first member."""
        return next((r for r, m in enumerate(members) if story_id(self.feats[m].id) == sid), 0)

    def _cut(self, probs: np.ndarray, rows: np.ndarray, out: list[np.ndarray]) -> None:
        """Append to `out` the parts of `rows` (indexes into `probs`) that split_incoherent keeps apart."""
        from scipy.cluster.hierarchy import linkage
        from scipy.spatial.distance import squareform

        if len(rows) >= 2 * MIN_PART:
            sub = probs[np.ix_(rows, rows)]
            known = sub[~np.isnan(sub)]
            # no evidence either way: as far from anything as the story's members are on average
            dist = 1.0 - np.where(np.isnan(sub), known.mean() if known.size else 0.0, sub)
            np.fill_diagonal(dist, 0.0)
            # the two parts the last merge joined (unlike fcluster's maxclust, two even where merges tie)
            first = _last_merge(linkage(squareform(dist, checks=False), "average"))
            a, b = rows[first], rows[~first]
            if len(a) >= MIN_PART and len(b) >= MIN_PART and self._apart(probs, a, b):
                self._cut(probs, a, out)
                self._cut(probs, b, out)
                return
        out.append(rows)

    def _apart(self, probs: np.ndarray, a: np.ndarray, b: np.ndarray) -> bool:
        """Whether parts `a` and `b` (rows of `probs`) hold together much less between than within: the mean
        link between them below model.cohesion times the mean of their mean links within. False where either
        mean is unknown: no evidence, no cut."""
        between = _known_mean(probs[np.ix_(a, b)])
        within = (_known_mean(probs[np.ix_(a, a)]) + _known_mean(probs[np.ix_(b, b)])) / 2
        return between < self.model.cohesion * within

    def _member_probabilities(self, members: list[int]) -> np.ndarray:
        """The link probability of every pair of these articles (symmetric; NaN on the diagonal, for pairs out
        of each other's time window and for pairs in two languages), as placement scores candidates."""
        probs = np.triu(self._probabilities(members, members), 1)
        probs += probs.T  # each pair scored once, as (earlier member, later member)
        np.fill_diagonal(probs, np.nan)
        # Pairs out of each other's window say nothing. A pair in two languages links on names and numbers
        # alone (and, with embeddings, by the other model): weaker by nature, so a story's translations and
        # foreign reports would stand apart as a group. Such pairs say nothing here; the pairs within each
        # language decide.
        probs[self._unknown(members, members)] = np.nan
        return probs

    def _split_id(self, founder: str, sid: str) -> str:
        """The id of a part split off story `sid` from article `founder` on, counted on if taken here."""
        new, n = story_id(f"{founder}#split-from:{sid}"), 1
        while new in self.stories:
            n += 1
            new = story_id(f"{founder}#split-from:{sid}#{n}")
        return new

    def _rehome(self, sid: str) -> bool:
        """A part split off a story joins another story where one of its articles would rather be there: that
        story qualifies for it (best link, enough of its members linking) and its link is stronger than the
        article's best link within its own part, or strong enough to merge the two. The story joined keeps its
        id; recorded in its history. Returns whether the part joined one."""
        part = self.stories[sid]
        feats = [self.feats[m] for m in part.members]
        dense = dense_vectors(word_vectors(feats))
        near = self.index.vector_neighbours(dense, [f.when for f in feats], 2 * self.index.neighbours)
        best: tuple[float, str, int, int] | None = None
        for row, i in enumerate(part.members):
            candidates = {int(j) for j in near[row]} | self._other_neighbours(i)
            candidates = {j for j in candidates if 0 <= j < len(self.story_of) and j != i}
            ranked = self._eligible(i, candidates, self.story_of.__getitem__, lambda g: self.stories[g].members)
            own = next((p for g, p, _ in ranked if g == sid), None)
            for target, p, j in ranked:
                if target == sid or (own is not None and p < max(own, self.model.merge_threshold)):
                    continue
                if best is None or p > best[0]:
                    best = (p, target, i, j)
                break
        if best is None:
            return False
        p, target, i, j = best
        story = self.stories[target]
        story.members = sorted(story.members + part.members)
        for m in part.members:
            self.story_of[m] = target
        story.history.extend(part.history)
        story.history.append(f"merged {sid} into {target}: article {self.feats[i].id} links to "
                             f"{self.feats[j].id} (p={p:.2f})")
        self.links[(j, i)] = p
        del self.stories[sid]
        return True

    def _components(self, members: list[int]) -> list[set[int]]:
        """The parts a batch run would make of these articles today: each placed among the earlier ones in
        arrival order as `_place` places an article (same links, support rule and merges) under the rarities
        now known. A story whose articles joined under the rarities of a smaller corpus (a common name then
        weighed as rare) may not hold together under today's."""
        members = sorted(members)
        inside = set(members)
        feats = [self.feats[m] for m in members]
        dense = dense_vectors(word_vectors(feats))
        near = self.index.vector_neighbours(dense, [f.when for f in feats], 2 * self.index.neighbours)
        part_of: dict[int, str] = {}
        parts: dict[str, list[int]] = {}
        recent = 2 * self.index.neighbours
        for row, i in enumerate(members):
            # The index neighbours of a member, now that more articles are indexed, may leave out story-mates
            # that were its neighbours when it was placed: the members just before it are candidates too, so
            # that a story is not split for want of candidates.
            candidates = ({int(j) for j in near[row]} | self._other_neighbours(i)) & inside
            candidates = {j for j in candidates if j < i} | set(members[max(0, row - recent) : row])
            ranked = self._eligible(i, candidates, part_of.__getitem__, parts.__getitem__)
            if not ranked:
                part_of[i] = str(i)
                parts[str(i)] = [i]
                continue
            target = ranked[0][0]
            parts[target].append(i)
            part_of[i] = target
            for other, q, _ in ranked[1:]:
                if q >= self.model.merge_threshold and other in parts and other != target:
                    for m in parts.pop(other):
                        part_of[m] = target
                        parts[target].append(m)
                    parts[target].sort()
        # and, as `refine` does after placing, an article alone in its part moves to the part it would
        # rather be in (one begun after it arrived)
        for row, i in enumerate(members):
            if len(parts) == 1:
                break
            if len(parts[part_of[i]]) > 1:
                continue
            candidates = ({int(j) for j in near[row]} | self._other_neighbours(i)) & inside
            candidates |= set(members[max(0, row - recent) : row + recent + 1])
            candidates.discard(i)
            ranked = self._eligible(i, candidates, part_of.__getitem__, parts.__getitem__)
            if ranked and ranked[0][0] != part_of[i]:
                del parts[part_of[i]]
                part_of[i] = ranked[0][0]
                parts[ranked[0][0]] = sorted([*parts[ranked[0][0]], i])
        return [set(p) for p in parts.values()]

    def _join(self, sid: str, i: int) -> None:
        story = self.stories.get(sid)
        if story is None:
            story = self.stories[sid] = _Story(sid)
        story.members.append(i)
        self.story_of.append(sid)

    def _merge(self, a: str, b: str, why: str) -> str:
        """Merge stories a and b; the one founded first keeps its id, which is returned. Its history records
        the merge and `why`."""
        sa, sb = self.stories[a], self.stories[b]
        keep, gone = (sa, sb) if min(sa.members) < min(sb.members) else (sb, sa)
        note = f"merged {gone.id} into {keep.id}: {why}"
        for m in gone.members:
            self.story_of[m] = keep.id
        keep.members.extend(gone.members)
        keep.members.sort()
        keep.history.extend(gone.history)
        keep.history.append(note)
        del self.stories[gone.id]
        return keep.id


def exact_sum(values: list[float]) -> float:
    """The sum of `values` whatever their order: keys come from sets, whose order follows the process's string
    hash seed, and a sum in that order would differ in its last bits between processes (and with it a pair's
    score, near a threshold or a rounding edge). Two floats add the same either way; more are summed exactly."""
    return math.fsum(values) if len(values) > 2 else sum(values, 0.0)


def _last_merge(z: np.ndarray) -> np.ndarray:
    """Which observations of linkage matrix `z` are in the part holding observation 0 of the two that its last
    merge joined: what cut_tree(z, n_clusters=2) gives, without its checks and tree building."""
    n = len(z) + 1
    inside = np.zeros(n, dtype=bool)
    stack = [int(z[-1, 0])]
    while stack:
        node = stack.pop()
        if node < n:
            inside[node] = True
        else:
            stack.extend((int(z[node - n, 0]), int(z[node - n, 1])))
    return inside if inside[0] else ~inside


def _known_mean(probs: np.ndarray) -> float:
    """The mean of the known links of a block of a member probability matrix (NaN when none is known; the
    diagonal is NaN, so a block of one part with itself is the mean of its pairs)."""
    known = probs[~np.isnan(probs)]
    return float(known.mean()) if known.size else math.nan


def cohesion_splits(history: Iterable[str]) -> list[tuple[str, str]]:
    """The (story, part) pairs that cohesion splits recorded in a story history made."""
    return [(m.group(2), m.group(1)) for h in history if (m := _COHESION_SPLIT.match(h))]

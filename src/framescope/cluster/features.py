"""What the story stage compares: a hashed bag of content words, cross-lingual keys, a MinHash signature.

Everything here is stateless (feature hashing, a seeded projection, a seeded MinHash), so an article gets the
same features in a batch, in an incremental ingest and in a Spark task, and nothing has to be fitted first.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import re
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import cache, lru_cache
from importlib import resources

import numpy as np
from anyascii import anyascii
from datasketch import LeanMinHash, MinHash
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer
from sklearn.random_projection import SparseRandomProjection
from sklearn.utils import murmurhash3_32

from framescope.models import Analysis, Article

log = logging.getLogger(__name__)

# Which definition of the features below stored term counts were made with (store/rarities.py): bump it
# whenever what `features_of` puts in `words` or `keys` changes, and stores recount on their next ingest.
#   1: up to 0.x (session 2); 2: no day or month names, outlet and publication-year keys (session 3);
#   3: words of title-case headlines are names only where the article's other lines capitalise them too;
#   4: names of three letters count (Kim, Gox, NSA)
#   5: Chinese and Japanese names get the keys of their English form (data/exonyms.json); sound keys only
#      from runs of the characters that spell foreign names
#   6: Korean words give sound keys and Korean names the keys of their English form
FEATURES_VERSION = 6
N_FEATURES = 2**18
DENSE_DIM = 256
NUM_PERM = 128
SHINGLE = 5  # words per shingle for near-duplicate detection

_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+(?:[.,]\d+)?(?!\w)"  # 2,500 / 2.500 / 2 500
    r"|(?<![\w.,])\d{2,}(?:[.,]\d+)?(?!\w)"  # 26, 1994, 3.5
)
# A capitalised word that does not open a sentence: the cheapest cross-lingual proper-name detector, and the
# same for every language written with case (English NER is not available for the others).
_CAPITALISED = re.compile(r"\b[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁΑ-Ω][\w'’-]{2,}", re.UNICODE)
_OPENERS = frozenset(".!?:;\"“«„\n")
# Scripts written without spaces between words: a run of them is cut into characters (for shingles) and
# overlapping character pairs (for words), the usual units of Chinese and Japanese retrieval.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_UNSPACED_RUN = re.compile(f"[{_UNSPACED}]+")
_TOKEN = re.compile(f"[{_UNSPACED}]|[^\\W{_UNSPACED}]+", re.UNICODE)
# Scripts without letter case: no capital marks a name, so every longer word of these is a candidate name,
# kept only through its consonant skeleton (below), which is what survives transliteration between scripts.
_CASELESS_WORD = re.compile("[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f]{3,}")
_CLITICS = ("وال", "بال", "لل", "فال", "كال", "ال")  # Arabic "and the", "with the", "for the", "the"...
# Korean is spaced but caseless, and writes its particles onto the word before them (트럼프는, 미국의): a
# word of two or more Hangul syllables, with and without the particle it ends in, is a candidate name.
_HANGUL_WORD = re.compile("[\uac00-\ud7a3]{2,}")
_PARTICLES = tuple(sorted(
    ("에서는", "에게서", "으로서", "으로써", "에서도", "에서", "에게", "께서", "으로", "까지", "부터", "보다", "처럼",
     "와의", "과의", "에는", "에도", "과는", "와는", "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도",
     "로", "만", "들"), key=len, reverse=True))
_DIGIT_EDGE = re.compile(f"(?<=\\d)(?=[{_UNSPACED}])|(?<=[{_UNSPACED}])(?=\\d)")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "would", "also", "one", "two", "new", "year"}
# Capitalised words that are no names: days and months (in the languages that capitalise them), which any two
# articles of the same week share whatever they report.
_NOT_NAMES = frozenset(
    [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "sept",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
        "januar", "februar", "märz", "juni", "juli", "oktober", "dezember",
    ]
)


@dataclass(frozen=True)
class StoryFeatures:
    id: str
    when: date | None
    language: str | None
    outlet: str | None
    wire: bool  # credited to a wire agency (dateline), so it is the original of its copies
    words: tuple[str, ...]  # content words, title and lede repeated for weight
    keys: frozenset[str]  # transliterated proper names and numbers: what crosses languages
    minhash: LeanMinHash
    shingles: int = 1  # how many distinct shingles the signature was made from (for containment)
    embedding: np.ndarray | None = None  # unit MiniLM vector of title + lede, only when asked for
    # Written mostly in a script without letter case (Arabic, Chinese...): its names are known only by their
    # consonant skeletons ("s:" keys), so pairs with such an article compare skeletons too; two articles in
    # cased scripts compare their exact name keys only (skeletons of different names can coincide).
    caseless: bool = False
    # Where the article stands among those of its day when articles are placed in arrival order: the time it
    # came out (UTC) when known, then a hash of its text. Not the id, which hashes the source path: the same
    # files read from another folder must group the same way.
    order: str = ""


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def name_key(word: str) -> str:
    """A proper name as a language-neutral key: transliterated, lower-cased, cut to a stem of five letters
    (so that inflected forms such as "Minske" and "Minsk" meet). Three letters are enough: many names are
    that short (Kim, Lee, Gox, NSA), and the rarity weights keep common ones (Mrs, CEO) light."""
    plain = re.sub(r"[^a-z0-9]", "", anyascii(word).lower())
    return plain[:5] if len(plain) >= 3 else ""


def keys_of(text: str) -> frozenset[str]:
    # one set of digits, and a number written against a Chinese character ("2024年") stands alone
    plain = text.isascii()  # most news in Latin script: skip what only other scripts need
    if not plain:
        text = text.translate(_DIGITS)
    unspaced = [] if plain else _UNSPACED_RUN.findall(text)
    if unspaced:
        text = _DIGIT_EDGE.sub(" ", text)
    keys = {"n:" + re.sub(r"[,.\u202f\u00a0 ]", "", m.group(0)) for m in _NUMBER.finditer(text)}
    # In a headline set in title case ("Bank Files For Bankruptcy Protection") or capitals every word is
    # capitalised: its words count as names only where the rest of the article capitalises them too.
    names: dict[str, set[str]] = {}  # name key -> the words that gave it
    headline: dict[str, set[str]] = {}
    for line in text.split("\n"):
        found = headline if _title_case(line) else names
        for m in _CAPITALISED.finditer(line):
            j = m.start() - 1
            while j >= 0 and line[j] in " \t":
                j -= 1
            if j < 0 or line[j] in _OPENERS:
                continue  # a sentence opener is capitalised whatever it is
            k = name_key(m.group(0))
            if k and m.group(0).lower() not in _STOP and m.group(0).lower() not in _NOT_NAMES:
                found.setdefault(k, set()).add(m.group(0))
    for k, words in headline.items():
        if k in names:
            names[k] |= words
    for k, words in names.items():
        keys.add("p:" + k)
        keys.update(sound for w in words if (sound := _sound(w)))
    for word in [] if plain else _CASELESS_WORD.findall(text):
        for clitic in _CLITICS:
            if word.startswith(clitic) and len(word) - len(clitic) >= 3:
                word = word[len(clitic) :]
                break
        if sound := _sound(word):
            keys.add(sound)
    if not plain:
        keys |= _korean_keys(text)
    if unspaced:
        names_of, known, spelled = _exonyms()
        for run in unspaced:
            # a name Chinese writes with its own word (越南, Vietnam) or by sound in characters that do not
            # transliterate back (特朗普, Trump): the keys of its English form
            for m in known.finditer(run):
                if not _inside_katakana_word(run, m.start(), m.end()):
                    keys |= names_of[m.group(0)]
            # a foreign name spelled by sound (泽连斯基, Zelensky; katakana): every run of two to four of its
            # characters. Only runs of such characters: windows over all of a text gave a Chinese article
            # hundreds of chance keys, whose weight drowned the names it does share with another language.
            for m in spelled.finditer(run):
                part = m.group(0)
                for size in (2, 3, 4):
                    for i in range(len(part) - size + 1):
                        if sound := _sound(part[i : i + size]):
                            keys.add(sound)
    return frozenset(keys)


def _korean_keys(text: str) -> set[str]:
    """Keys of the Hangul words of a text: the English name keys of the names data/exonyms.json lists (미국,
    러시아, 트럼프), and every word's sound key. Hangul spells ㄹ for both r and l (트럼프, Trump; 블링컨,
    Blinken), so a sound with an l has its r twin too."""
    keys: set[str] = set()
    names_of = _exonyms()[0]
    for word in _HANGUL_WORD.findall(text):
        # the word, and the word without the longest particle it ends in
        bare = next((word[: -len(p)] for p in _PARTICLES if word.endswith(p) and len(word) - len(p) >= 2), None)
        for stem in (word, bare) if bare else (word,):
            if stem in names_of:
                keys |= names_of[stem]
            if sound := _sound(stem):
                keys.add(sound)
                if "l" in sound:
                    keys.add(sound.replace("l", "r"))
    return keys


def _katakana(ch: str) -> bool:
    return "\u30a0" <= ch <= "\u30ff"


def _inside_katakana_word(run: str, start: int, end: int) -> bool:
    """A katakana name found inside a longer katakana word (シリア, Syria, in シリアル, serial) is not it."""
    return (start > 0 and _katakana(run[start - 1]) and _katakana(run[start])) or (
        end < len(run) and _katakana(run[end]) and _katakana(run[end - 1])
    )


@cache
def _exonyms() -> tuple[dict[str, frozenset[str]], re.Pattern[str], re.Pattern[str]]:
    """data/exonyms.json: the English name keys of each Chinese, Japanese and Korean name it lists, a pattern finding
    those names (longest first: 印度尼西亚, Indonesia, before 印度, India), and one finding runs of characters
    that spell foreign names by sound (or katakana)."""
    raw = json.loads(resources.files("framescope.data").joinpath("exonyms.json").read_text("utf-8"))
    names_of = {
        native: frozenset("p:" + k for w in english.split() if (k := name_key(w)))
        for language in ("zh", "ja", "ko")
        for native, english in raw[language].items()
    }
    # Korean names are looked up word by word (_korean_keys), never inside a run of Chinese or Japanese
    unspaced = [n for n in names_of if not _HANGUL_WORD.fullmatch(n)]
    known = re.compile("|".join(map(re.escape, sorted(unspaced, key=len, reverse=True))))
    spelled = re.compile(f"[{re.escape(raw['zh_transliteration'])}\u30a0-\u30ff]{{2,}}")
    return names_of, known, spelled


_LONG_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}", re.UNICODE)


def _title_case(line: str) -> bool:
    """A line of at least three longer words nearly all capitalised (a title-case or all-capitals headline);
    short function words ("for", "with") are left out of the count, as title case leaves them lower."""
    words = [w for w in _LONG_WORD.findall(line) if w.lower() not in _STOP]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


_CASED_LETTER = re.compile(r"[A-Za-zÀ-ɏͰ-ϿЀ-ӿ]")
_CASELESS_LETTER = re.compile(f"[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\uac00-\ud7a3{_UNSPACED}]")


def is_caseless(text: str) -> bool:
    if text.isascii():
        return False
    sample = text[:4000]
    return len(_CASELESS_LETTER.findall(sample)) > len(_CASED_LETTER.findall(sample))


def content_words(text: str) -> list[str]:
    runs = [] if text.isascii() else _UNSPACED_RUN.findall(text)
    words = (t.lower() for t in _WORD.findall(text))
    if runs:
        words = (w for w in words if not _UNSPACED_RUN.search(w))
    out = [w for w in words if w not in _STOP and not w.isdigit() and len(w) > 2]
    for run in runs:
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def skeleton(word: str) -> str:
    """The consonant skeleton of a name in any script: transliterated, vowels and the letters that Arabic
    script uses for long vowels dropped, near sounds merged. Varkonesku, Варконеску and فاركونيسكو all give "frknsk".
    """
    w = anyascii(word).lower()
    w = re.sub(r"[^a-z]", "", w).replace("ng", "n").replace("ph", "f")
    w = w.translate(str.maketrans("pvcqgzx", "bfkkksk"))
    w = re.sub(r"[aeiouywh]", "", w)
    return re.sub(r"(.)\1+", r"\1", w)


@lru_cache(maxsize=200_000)
def _sound(word: str) -> str | None:
    k = skeleton(word)
    return "s:" + k if len(k) >= 4 else None


def _lede(text: str) -> str:
    paras = [p for p in text.split("\n\n") if p.strip()]
    return "\n\n".join(paras[:2])


@cache
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=7)


def _murmur(data: bytes) -> int:
    return int(murmurhash3_32(data, seed=7, positive=True))


def signature(text: str) -> tuple[LeanMinHash, int]:
    words = [t.lower() for t in (_WORD if text.isascii() else _TOKEN).findall(text)]
    # The permutations are drawn once (they depend only on the seed) and MurmurHash3 replaces the default
    # SHA-1: signatures stay the same in every process, at a tenth of the cost.
    t = _template()
    m = MinHash(num_perm=NUM_PERM, seed=7, permutations=t.permutations, scheme=t.scheme, hashfunc=_murmur)
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    m.update_batch(s.encode("utf-8") for s in shingles)
    return LeanMinHash(m), len(shingles)


def features_of(item: Analysis | Article) -> StoryFeatures:
    article = item.article if isinstance(item, Analysis) else item
    title = article.title or ""
    body = article.text
    words = content_words(title) * 2 + content_words(_lede(body)) + content_words(body)
    minhash, shingles = signature(body)
    when = _date(article.published)
    keys = keys_of(title + "\n\n" + body) - _outlet_keys(article)
    if when is not None:
        # The year an article is published in is in most articles of that year, whatever they report.
        keys -= {f"n:{when.year}"}
    return StoryFeatures(
        id=article.id,
        when=when,
        language=article.language,
        outlet=article.outlet,
        wire=bool(article.dateline),
        words=tuple(words),
        keys=keys,
        caseless=is_caseless(body),
        minhash=minhash,
        shingles=shingles,
        order=arrival_order(article),
    )


def arrival_key(when: date | None, order: str, article_id: str) -> tuple[date, str, str]:
    """Where an article is placed among those grouped with it: by day (undated last), then by `order`
    (arrival_order), then by id. Batch, ingest and the engines must all sort by this one key."""
    return (when or date.max, order, article_id)


def arrival_order(article: Article) -> str:
    """StoryFeatures.order of an article: the time it came out (UTC) when known, then a hash of its text."""
    return f"{_time_of_day(article.published)}|{hashlib.sha256(article.text.encode()).hexdigest()[:16]}"


def _time_of_day(value: str | None) -> str:
    """"HH:MM:SS" in UTC of an ISO datetime with a time ("" without one): what orders articles of one day."""
    if not value or "T" not in value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.time().isoformat()


def _outlet_keys(article: Article) -> frozenset[str]:
    """Name keys of who published or credited the article (its outlet, a dateline's agency): two articles of
    one outlet or wire share them whatever events they report."""
    credit = " ".join([article.outlet or "", *re.findall(r"\(([^)]*)\)", article.dateline or "")])
    return frozenset("p:" + k for w in _WORD.findall(credit) if (k := name_key(w)))


EMBED_CHARS = 2000  # title and the first paragraphs: where a news story says what happened


# Below this many articles a worker pool costs more than it saves: spawning a worker and importing numpy,
# scipy and scikit-learn there takes about a second, features about half a millisecond an article.
PARALLEL_FROM = 5000


def features_many(
    items: Sequence[Analysis | Article], *, embeddings: bool = False, workers: int | None = None
) -> list[StoryFeatures]:
    """Features of many articles, in their order; with `embeddings`, also the MiniLM vector of each one's
    title and lede (needs the optional model: MissingDependencyError with the install command otherwise).

    `workers`: processes to compute them in; by default one per CPU from PARALLEL_FROM articles on, else
    this process alone. Callers that are themselves one of many parallel tasks (a Spark block) pass 1."""
    articles = [x.article if isinstance(x, Analysis) else x for x in items]
    if workers is None:
        workers = (os.cpu_count() or 1) if len(articles) >= PARALLEL_FROM else 1
    feats = _in_workers(articles, workers) if workers > 1 else [features_of(a) for a in articles]
    if not embeddings or not feats:
        return feats
    from framescope.compare.similarity import load_minilm

    texts = [((a.title or "") + "\n" + a.text)[:EMBED_CHARS] for a in articles]
    vectors = load_minilm().encode(texts)
    return [replace(f, embedding=v) for f, v in zip(feats, vectors, strict=True)]


@cache
def _hasher() -> HashingVectorizer:
    return HashingVectorizer(
        n_features=N_FEATURES, analyzer=lambda words: words, alternate_sign=False, norm=None
    )


@cache
def _projection() -> SparseRandomProjection:
    proj = SparseRandomProjection(n_components=DENSE_DIM, random_state=13, dense_output=True)
    proj.fit(sparse.csr_matrix((1, N_FEATURES)))  # only the input width matters: the projection is seeded
    return proj


def term_vectors(feats: list[StoryFeatures]) -> sparse.csr_matrix:
    """Sublinear term frequencies of the hashed words (rows in the order of `feats`), not normalised: the
    rarity weights are applied when two articles are compared, from the corpus seen by then."""
    x = _hasher().transform([f.words for f in feats]).tocsr().astype(np.float32)
    x.sum_duplicates()
    x.data = 1.0 + np.log(x.data)
    return x


def word_vectors(feats: list[StoryFeatures]) -> sparse.csr_matrix:
    """Term vectors L2-normalised without rarity weights (what the approximate index is built from)."""
    return unit_rows(term_vectors(feats))


def unit_rows(x: sparse.csr_matrix) -> sparse.csr_matrix:
    """`x` with every row L2-normalised (all-zero rows stay zero)."""
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ x)


def idf(df: np.ndarray, n: int) -> np.ndarray:
    return np.log((1.0 + n) / (1.0 + df)) + 1.0


def dense_vectors(words: sparse.csr_matrix) -> np.ndarray:
    """A seeded random projection of the word vectors, for the approximate nearest-neighbour index."""
    dense = np.asarray(_projection().transform(words.astype(np.float64)), dtype=np.float32)
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return dense / norms


@contextmanager
def _main_hidden() -> Iterator[None]:
    """Start spawned workers without the caller's main module. Spawn re-runs the main script in each worker
    (to rebuild what the task might need from it); a user's script that calls `cluster` at top level, without
    the `if __name__ == "__main__":` guard, would then run its whole job again there and fail with Python's
    bootstrapping error. The workers need nothing from it: `features_of` and `Article` live in this package."""
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved: dict[str, object] = {k: main.__dict__[k] for k in ("__file__", "__spec__") if k in main.__dict__}
    main.__dict__.pop("__file__", None)
    main.__dict__["__spec__"] = None
    try:
        yield
    finally:
        main.__dict__.pop("__spec__", None)
        main.__dict__.update(saved)


def _in_workers(articles: list[Article], workers: int) -> list[StoryFeatures]:
    """features_of over `articles` in `workers` spawned processes (spawn, not fork: the caller may hold
    threads, e.g. a vector index's, and a forked copy of a held lock never opens). Falls back to this process
    if no pool can be had (a sandbox without process creation)."""
    chunk = max(64, len(articles) // (workers * 8))  # a few chunks per worker evens out uneven articles
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            with _main_hidden():  # every worker is started by the submissions inside map()
                results = pool.map(features_of, articles, chunksize=chunk)
            return list(results)
    except (OSError, BrokenProcessPool) as e:
        log.warning("story features: no worker processes (%s); computing them in this process", e)
        return [features_of(a) for a in articles]

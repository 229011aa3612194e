"""Text affinity between experts and declarations, and duplicate-declaration detection.

Pure Python with numpy and scipy; no Django, no downloaded models, no network.

Text model
----------
Chinese is written without spaces, so a word segmenter would need a dictionary (a
download, and one more thing to go stale). Instead every run of CJK characters gives its
character unigrams and bigrams, which is what Chinese retrieval systems fall back on and
which is robust to unseen technical terms (水系电池 shares 电池 with 锂电池). Latin text
gives lower-cased words with a light plural stemmer. Keywords, disciplines and industries
are also matched as *whole phrases*: the phrases of every such field (on both sides) form a
phrase vocabulary, and each occurrence of a phrase in any field, free text included, adds
one phrase feature. So 锂电池 in an expert's profile matches the declaration keyword 锂电池
more strongly than 燃料电池 does.

Each field's counts get sublinear tf (1 + ln count) and the field's weight (keywords,
industry and disciplines weigh more than the free-text summary and profile); a document's
vector is the weighted sum over its fields, times a smoothed idf fitted on experts and
declarations together, L2-normalised. Affinity is the cosine of the two vectors. The idf
comes from the inputs of the call, so a pair's score depends on the whole population it
was computed with (a word every declaration uses counts for little); compare scores from
one computation, not across computations.

Scores
------
All weights are non-negative, so cosines lie in [0, 1]. Scores are rounded to
``SCORE_DECIMALS`` (4) decimals: ``scores_to_int`` turns them into exact integers in
0..``SCORE_SCALE`` that an integer flow solver can use without losing the optimum to
floating-point noise; ``round(score * SCORE_SCALE)`` recovers the integer from any score
this module returns.

Scale
-----
The product is computed in blocks of declaration rows, so memory stays bounded by one
dense block (``block_rows`` x experts) whatever the number of declarations. Inside a
block, features that occur in a large share of both sides (common characters and
bigrams) are multiplied as dense matrices with BLAS and the long tail of rare features
as sparse matrices; both parts are exact, the split only decides which routine does the
arithmetic.

Entry points
------------
``affinity_dense`` (every declaration with every expert), ``scores_to_int`` (the scores as
integers for a solver), ``duplicates_find`` (declarations that look like one project
declared twice, with reasons). ``_CosineBlocks`` yields the product block by block; the
tests and ``bench/affinity_bench.py`` build each declaration's best experts from it
(``wusong/kernels/tests/affinity_top_k.py``).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import add

import numpy as np
from scipy import sparse

SCORE_DECIMALS = 4
SCORE_SCALE = 10**SCORE_DECIMALS

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
# A CJK run, a word (letters and digits of any other script), or a break (punctuation).
# Hyphens and apostrophes do not break, so "li-ion battery" stays one phrase.
_ITEM = re.compile(f"([{_CJK}]+)|([^\\W_{_CJK}]+)|[^\\w\\s'’-]+")
_LIST_SEPARATORS = re.compile(r"[,，;；、|/\n\r\t]+")

# Characters that carry grammar, not topic: dropped as unigrams and from bigrams.
_CJK_STOP = frozenset("的了和与及或在是对为等并其之而于以将把被从由也都就这那个中上下")
_LATIN_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
        "we",
        "our",
        "which",
        "into",
        "using",
        "based",
        "their",
    ]
)

_PHRASE_PREFIX = "\x02"


def split_list(value: str | Sequence[str]) -> tuple[str, ...]:
    """Keywords or disciplines as a tuple: a string is split on commas, semicolons, 、 and
    new lines (Chinese and Latin forms), a sequence is taken as it is."""
    items = _LIST_SEPARATORS.split(value) if isinstance(value, str) else value
    return tuple(s.strip() for s in items if s and s.strip())


@dataclass(frozen=True)
class DeclarationText:
    """The parts of a declaration that describe what it is about."""

    title: str = ""
    summary: str = ""
    keywords: str | Sequence[str] = ()
    industry: str | Sequence[str] = ""


@dataclass(frozen=True)
class ExpertText:
    """The parts of an expert's record that describe what they know."""

    disciplines: str | Sequence[str] = ()
    keywords: str | Sequence[str] = ()
    profile: str = ""


@dataclass(frozen=True)
class AffinityWeights:
    """Field and feature weights. A field weight multiplies the field's sublinear term
    frequencies; the feature weights multiply CJK single characters (ambiguous on their
    own: 电 in 电池, 电子, 电力) and whole-phrase matches."""

    title: float = 2.0
    summary: float = 1.0
    keywords: float = 3.0
    industry: float = 2.0
    disciplines: float = 3.0
    expert_keywords: float = 3.0
    profile: float = 1.0
    cjk_unigram: float = 0.5
    phrase: float = 2.0


DEFAULT_WEIGHTS = AffinityWeights()


def _stem(word: str) -> str:
    """Harman's S-stemmer with the -sses/-ches/-shes/-xes plurals added: plurals only,
    which is all that mixed technical text needs, and it never merges words that differ
    in meaning the way aggressive stemmers do (organ, organic, organisation)."""
    if len(word) > 3 and not word.isdigit():
        if word.endswith("ies") and not word.endswith(("eies", "aies")):
            return word[:-3] + "y"
        if word.endswith(("sses", "ches", "shes", "xes")):
            return word[:-2]
        if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
            return word[:-1]
        if word.endswith("s") and not word.endswith(("us", "ss", "is")):
            return word[:-1]
    return word


class _Vectoriser:
    """Turns texts into sparse TF-IDF rows over one shared vocabulary."""

    def __init__(self, phrase_sources: Iterable[str]):
        self._stems: dict[str, str] = {}
        self.vocab: defaultdict[str, int] = defaultdict()
        self.vocab.default_factory = self.vocab.__len__
        self._phrases: dict[tuple[str, ...], str] = {}
        self._phrase_lengths: dict[str, tuple[int, ...]] = {}
        lengths: dict[str, set[int]] = defaultdict(set)
        for text in dict.fromkeys(phrase_sources):
            units = self._units(text)
            if len(units) < 2:
                continue
            key = self._phrase_key(units)
            if key is None:
                continue
            phrase = tuple(units)
            self._phrases.setdefault(phrase, _PHRASE_PREFIX + " ".join(units))
            lengths[key].add(len(units))
        self._phrase_lengths = {k: tuple(sorted(v)) for k, v in lengths.items()}

    @staticmethod
    def _phrase_key(units: Sequence[str]) -> str | None:
        """The key a phrase is found by: its first word, or its first two CJK characters.
        A phrase that starts with one CJK character and then a word cannot be indexed and
        is simply not phrase-matched (its characters and words still are)."""
        first = units[0]
        if not _is_cjk(first):
            return first
        if _is_cjk(units[1]):
            return first + units[1]
        return None

    def _word(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = _stem(word)
        return stem

    def _units(self, text: str) -> list[str]:
        units: list[str] = []
        for run, word in _ITEM.findall(unicodedata.normalize("NFKC", text).lower()):
            if run:
                units.extend(run)
            elif word:
                units.append(self._word(word))
        return units

    def tokens(self, text: str) -> list[str]:
        """Features of one field: CJK unigrams and bigrams, stemmed words, phrases."""
        out: list[str] = []
        if not text:
            return out
        lengths = self._phrase_lengths
        keys = lengths.keys()
        phrases = self._phrases
        units: list[str] = []
        hits: list[tuple[int, str]] = []
        for run, word in _ITEM.findall(unicodedata.normalize("NFKC", text).lower()):
            if run:
                out.extend(run)
                if len(run) > 1:
                    bigrams = list(map(add, run, run[1:]))
                    out.extend(bigrams)
                    if not keys.isdisjoint(bigrams):
                        base = len(units)
                        hits.extend((base + i, b) for i, b in enumerate(bigrams) if b in lengths)
                units.extend(run)
                continue
            if word:
                stem = self._word(word)
                out.append(stem)
                if stem in lengths:
                    hits.append((len(units), stem))
                units.append(stem)
                continue
            # A break: phrases never span it, so resolve the segment's candidate phrases.
            if hits:
                out.extend(_phrases_at(units, hits, lengths, phrases))
                hits.clear()
            units.clear()
        if hits:
            out.extend(_phrases_at(units, hits, lengths, phrases))
        return out

    def counts(self, docs: Sequence[Sequence[tuple[str, float]]]) -> sparse.csr_array:
        """Weighted sublinear term frequencies, one row per document.

        ``docs[i]`` lists (text, field weight) pairs. Documents are counted in chunks so
        that the per-token arrays stay small whatever the number of documents.
        """
        chunks = [self._counts(docs[i : i + 4096]) for i in range(0, len(docs), 4096)]
        n_features = max(len(self.vocab), 1)
        if not chunks:
            return sparse.csr_array((0, n_features), dtype=np.float32)
        return sparse.vstack([_with_columns(c, n_features) for c in chunks], format="csr")

    def _counts(self, docs: Sequence[Sequence[tuple[str, float]]]) -> sparse.csr_array:
        # Token ids come from a defaultdict, so mapping runs at C speed; counting and the
        # tf transform are vectorised over all fields of the chunk at once.
        ids = array("i")  # 4 bytes a token; a list of ints would take 36
        field_sizes: list[int] = []
        field_weights: list[float] = []
        field_docs: list[int] = []
        lookup = self.vocab.__getitem__
        for d, fields in enumerate(docs):
            for text, weight in fields:
                toks = self.tokens(text)
                if not toks:
                    continue
                ids.extend(map(lookup, toks))
                field_sizes.append(len(toks))
                field_weights.append(weight)
                field_docs.append(d)
        n_features = max(len(self.vocab), 1)
        cols = np.frombuffer(ids, dtype=np.int32) if ids else np.zeros(0, dtype=np.int32)
        rows = np.repeat(np.arange(len(field_sizes), dtype=np.int32), field_sizes)
        per_field = sparse.coo_array(
            (np.ones(len(cols), dtype=np.float32), (rows, cols)),
            shape=(len(field_sizes), n_features),
        ).tocsr()
        per_field.sum_duplicates()
        per_row = np.diff(per_field.indptr)
        data = 1.0 + np.log(per_field.data)
        data *= np.repeat(np.asarray(field_weights, dtype=np.float32), per_row)
        doc_rows = np.repeat(np.asarray(field_docs, dtype=np.int32), per_row)
        out = sparse.coo_array(
            (data.astype(np.float32), (doc_rows, per_field.indices)),
            shape=(len(docs), n_features),
        ).tocsr()
        out.sum_duplicates()
        return out

    def feature_weights(self, weights: AffinityWeights) -> np.ndarray:
        """Per-feature multiplier: 0 for grammar words, reduced for single characters."""
        w = np.ones(max(len(self.vocab), 1), dtype=np.float32)
        for token, i in self.vocab.items():
            if token[0] == _PHRASE_PREFIX:
                w[i] = weights.phrase
            elif _is_cjk(token[0]):
                if len(token) == 1:
                    w[i] = 0.0 if token in _CJK_STOP else weights.cjk_unigram
                elif token[0] in _CJK_STOP or token[1] in _CJK_STOP:
                    w[i] = 0.0
            elif token in _LATIN_STOP:
                w[i] = 0.0
        return w


def _phrases_at(
    units: list[str],
    hits: list[tuple[int, str]],
    lengths: dict[str, tuple[int, ...]],
    phrases: dict[tuple[str, ...], str],
) -> list[str]:
    """The phrase features that start at the candidate positions ``hits``."""
    found = []
    for start, key in hits:
        for n in lengths[key]:
            phrase = phrases.get(tuple(units[start : start + n]))
            if phrase is not None:
                found.append(phrase)
    return found


def _is_cjk(ch: str) -> bool:
    o = ord(ch[0])
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2EBEF


def _declaration_fields(d: DeclarationText, w: AffinityWeights) -> list[tuple[str, float]]:
    return [
        (d.title, w.title),
        (d.summary, w.summary),
        ("；".join(split_list(d.keywords)), w.keywords),
        ("；".join(split_list(d.industry)), w.industry),
    ]


def _expert_fields(e: ExpertText, w: AffinityWeights) -> list[tuple[str, float]]:
    return [
        ("；".join(split_list(e.disciplines)), w.disciplines),
        ("；".join(split_list(e.keywords)), w.expert_keywords),
        (e.profile, w.profile),
    ]


def _tfidf(
    groups: Sequence[Sequence[Sequence[tuple[str, float]]]],
    phrases: Iterable[str],
    weights: AffinityWeights,
) -> list[sparse.csr_array]:
    """TF-IDF rows for each group of documents, over one vocabulary and one idf."""
    vec = _Vectoriser(phrases)
    counts = [vec.counts(g) for g in groups]
    n_features = max(len(vec.vocab), 1)
    counts = [_with_columns(c.tocsr(), n_features) for c in counts]
    n_docs = sum(c.shape[0] for c in counts)
    df = sum(np.bincount(c.indices, minlength=n_features) for c in counts)
    idf = (np.log((1.0 + n_docs) / (1.0 + df)) + 1.0).astype(np.float32)
    idf *= vec.feature_weights(weights)
    out = []
    for c in counts:
        c = c.astype(np.float32)
        c.data *= idf[c.indices]
        norms = np.sqrt(np.asarray(c.multiply(c).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        c.data /= np.repeat(norms, np.diff(c.indptr)).astype(np.float32)
        c.eliminate_zeros()
        out.append(c)
    return out


def _with_columns(m: sparse.csr_array, n: int) -> sparse.csr_array:
    """Widen ``m`` to ``n`` columns (the vocabulary grew after it was built)."""
    return sparse.csr_array((m.data, m.indices, m.indptr), shape=(m.shape[0], n))


def _vectorise(
    declarations: Sequence[DeclarationText],
    experts: Sequence[ExpertText],
    weights: AffinityWeights,
) -> tuple[sparse.csr_array, sparse.csr_array]:
    phrases: list[str] = []
    for d in declarations:
        phrases.extend(split_list(d.keywords))
        phrases.extend(split_list(d.industry))
    for e in experts:
        phrases.extend(split_list(e.keywords))
        phrases.extend(split_list(e.disciplines))
    decl_rows = [_declaration_fields(d, weights) for d in declarations]
    expert_rows = [_expert_fields(e, weights) for e in experts]
    x_decl, x_expert = _tfidf([decl_rows, expert_rows], phrases, weights)
    return x_decl, x_expert


@dataclass
class _CosineBlocks:
    """Cosine similarities of the rows of ``a`` against the rows of ``b``, block by block.

    Features present in a large share of both sides are multiplied densely (BLAS); for them
    a sparse product would spend its time on index bookkeeping. The rest stay sparse.
    """

    a: sparse.csr_array
    b: sparse.csr_array
    block_rows: int = 0
    dense_share: float = 0.002
    max_dense_bytes: int = 400 * 2**20
    _a_dense: sparse.csr_array = field(init=False, repr=False)
    _a_sparse: sparse.csr_array = field(init=False, repr=False)
    _b_dense_t: np.ndarray = field(init=False, repr=False)
    _b_sparse_t: sparse.csr_array = field(init=False, repr=False)

    def __post_init__(self) -> None:
        n_a, n_b = self.a.shape[0], self.b.shape[0]
        if not self.block_rows:
            # About 64 MB of float32 per block, at least 64 rows.
            self.block_rows = max(64, min(4096, (16 * 2**20) // max(n_b, 1)))
        df_a = np.bincount(self.a.indices, minlength=self.a.shape[1]).astype(np.float64)
        df_b = np.bincount(self.b.indices, minlength=self.b.shape[1]).astype(np.float64)
        joint = (df_a / max(n_a, 1)) * (df_b / max(n_b, 1))
        order = np.argsort(-joint, kind="stable")
        max_dense = self.max_dense_bytes // (4 * max(n_b, 1))
        n_dense = int(min(np.count_nonzero(joint > self.dense_share), max_dense))
        is_dense = np.zeros(self.a.shape[1], dtype=bool)
        is_dense[order[:n_dense]] = True
        dense_cols = np.flatnonzero(is_dense)
        sparse_cols = np.flatnonzero(~is_dense)
        self._a_dense = self.a[:, dense_cols].tocsr()
        self._a_sparse = self.a[:, sparse_cols].tocsr()
        self._b_dense_t = np.ascontiguousarray(self.b[:, dense_cols].toarray().T)
        self._b_sparse_t = self.b[:, sparse_cols].T.tocsr()

    def __iter__(self) -> Iterator[tuple[int, np.ndarray]]:
        """Yield (first row, float32 block of shape rows x len(b))."""
        n_a = self.a.shape[0]
        for start in range(0, n_a, self.block_rows):
            stop = min(start + self.block_rows, n_a)
            block = self._a_dense[start:stop].toarray() @ self._b_dense_t
            block += (self._a_sparse[start:stop] @ self._b_sparse_t).toarray()
            yield start, block


def _quantise(block: np.ndarray) -> np.ndarray:
    """Scores as integers in 0..SCORE_SCALE (see the module docstring)."""
    q = np.rint(block * SCORE_SCALE)
    np.clip(q, 0, SCORE_SCALE, out=q)
    return q.astype(np.int32)


def scores_to_int(scores: np.ndarray) -> np.ndarray:
    """Scores returned by this module as exact int64 multiples of 1 / SCORE_SCALE."""
    return np.rint(np.asarray(scores, dtype=np.float64) * SCORE_SCALE).astype(np.int64)


def affinity_dense(
    declarations: Sequence[DeclarationText],
    experts: Sequence[ExpertText],
    *,
    weights: AffinityWeights = DEFAULT_WEIGHTS,
    block_rows: int = 0,
) -> np.ndarray:
    """Affinity of every declaration (rows) with every expert (columns), float64 in [0, 1]
    rounded to SCORE_DECIMALS decimals. Meant for small inputs: the result is dense."""
    out = np.zeros((len(declarations), len(experts)), dtype=np.float64)
    if not len(declarations) or not len(experts):
        return out
    x_decl, x_expert = _vectorise(declarations, experts, weights)
    for start, block in _CosineBlocks(x_decl, x_expert, block_rows=block_rows):
        out[start : start + block.shape[0]] = _quantise(block) / SCORE_SCALE
    return out


# Duplicate declarations


@dataclass(frozen=True)
class DeclarationRecord:
    """A declaration as duplicate detection sees it: ``key`` is whatever identifies it for
    the caller (a primary key, a code); ``team`` lists team member names."""

    key: object
    title: str = ""
    summary: str = ""
    keywords: str | Sequence[str] = ()
    industry: str | Sequence[str] = ""
    team: Sequence[str] = ()


@dataclass(frozen=True)
class DuplicatePair:
    """Two declarations that may be one project declared twice, and why.

    ``reasons`` holds "similar_text" (similarity at or above the text threshold) and/or
    "shared_team" (shared members together with a related text, or a largely shared team).
    ``second`` is always from the current call; ``first`` is from an earlier call or comes
    earlier in the current one.
    """

    first: object
    second: object
    similarity: float
    shared_members: tuple[str, ...]
    reasons: tuple[str, ...]


_DUPLICATE_WEIGHTS = AffinityWeights(
    title=2.0, summary=1.5, keywords=1.0, industry=0.2, cjk_unigram=0.0
)


def _name_key(name: str) -> str:
    return re.sub(r"[\s·•.]+", "", unicodedata.normalize("NFKC", name)).lower()


def _row_cosines(x: sparse.csr_array, pairs: Sequence[tuple[int, int]]) -> list[float]:
    """Rounded cosines of the given row pairs of ``x`` (rows are L2-normalised)."""
    sims: list[float] = []
    for lo in range(0, len(pairs), 10_000):
        chunk = np.asarray(pairs[lo : lo + 10_000], dtype=np.int64)
        dots = np.asarray(x[chunk[:, 0]].multiply(x[chunk[:, 1]]).sum(axis=1)).ravel()
        sims.extend((_quantise(dots) / SCORE_SCALE).tolist())
    return sims


def duplicates_find(
    current: Sequence[DeclarationRecord],
    earlier: Sequence[DeclarationRecord] = (),
    *,
    text_threshold: float = 0.6,
    team_text_threshold: float = 0.25,
    team_share: float = 0.5,
    block_rows: int = 0,
) -> list[DuplicatePair]:
    """Pairs among ``current``, and between ``current`` and ``earlier``, that look like the
    same project declared twice.

    A pair is flagged when its text similarity (TF-IDF cosine over title, summary, keywords
    and industry, fitted on both lists) reaches ``text_threshold``; or when the teams share
    a member and the similarity reaches ``team_text_threshold`` (the same people with a
    related project); or when the shared members make up at least ``team_share`` of the
    smaller team and number at least two. Names are compared after removing spaces and
    dots, so 王 伟 and 王伟 match; a common name shared alone says little, which is why a
    single shared name needs related text as well. Records with equal keys are never
    paired. Sorted by similarity, highest first.
    """
    everything = list(current) + list(earlier)
    n_cur = len(current)
    if not n_cur:
        return []
    phrases: list[str] = []
    for d in everything:
        phrases.extend(split_list(d.keywords))
    rows = [
        _declaration_fields(
            DeclarationText(d.title, d.summary, d.keywords, d.industry), _DUPLICATE_WEIGHTS
        )
        for d in everything
    ]
    (x,) = _tfidf([rows], phrases, _DUPLICATE_WEIGHTS)
    x_cur = x[:n_cur]

    teams = [{_name_key(n): n.strip() for n in d.team if _name_key(n)} for d in everything]
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, team in enumerate(teams):
        for name in team:
            by_name[name].append(i)

    # Pairs (i, j): i in the current list; j earlier, or before i in the current list.
    similar: dict[tuple[int, int], float] = {}
    for start, block in _CosineBlocks(x_cur, x, block_rows=block_rows):
        q = _quantise(block)
        r, c = np.nonzero(q >= round(text_threshold * SCORE_SCALE))
        keep = (c >= n_cur) | (c < r + start)
        r, c = r[keep], c[keep]
        for i, j, s in zip((r + start).tolist(), c.tolist(), q[r, c].tolist(), strict=True):
            similar[(i, j)] = s / SCORE_SCALE

    team_pairs: set[tuple[int, int]] = set()
    for members in by_name.values():
        for a_pos, a in enumerate(members):
            if a >= n_cur:
                break
            for b in members[a_pos + 1 :]:
                team_pairs.add((a, b) if b >= n_cur else (b, a))
    team_only = sorted(team_pairs - similar.keys())
    team_sims = _row_cosines(x, team_only)

    out: list[DuplicatePair] = []
    for (i, j), sim in [*similar.items(), *zip(team_only, team_sims, strict=True)]:
        if everything[i].key == everything[j].key:
            continue
        shared_keys = sorted(teams[i].keys() & teams[j].keys())
        reasons = []
        if sim >= text_threshold:
            reasons.append("similar_text")
        if shared_keys and (
            sim >= team_text_threshold
            or (
                len(shared_keys) >= 2
                and len(shared_keys) >= team_share * min(len(teams[i]), len(teams[j]))
            )
        ):
            reasons.append("shared_team")
        if not reasons:
            continue
        out.append(
            DuplicatePair(
                first=everything[j].key,
                second=everything[i].key,
                similarity=sim,
                shared_members=tuple(teams[i][k] for k in shared_keys),
                reasons=tuple(reasons),
            )
        )
    out.sort(key=lambda p: (-p.similarity, str(p.first), str(p.second)))
    return out

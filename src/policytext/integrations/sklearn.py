"""policytext for scikit-learn.

    from policytext.integrations.sklearn import SloganVectorizer, policy_tokenizer
    X = SloganVectorizer(min_df=2).fit_transform(texts)          # documents x slogans (sparse)
    TfidfVectorizer(tokenizer=policy_tokenizer, token_pattern=None, lowercase=False)

:class:`SloganVectorizer` counts each document's numbered slogans (by normalized form or by
lexicon id), Traditional and Simplified alike; it follows scikit-learn's rules (``__init__``
stores parameters, ``fit`` returns self, fitted attributes end in ``_``) and delegates the
counting to ``CountVectorizer`` with an analyzer that returns the slogans.  Its ``analyzer``
parameter is a :class:`policytext.Analyzer` (not CountVectorizer's ``analyzer``): give one with
a researcher's slogan list to count those slogans too; it is cloned and pickled by its
configuration, so ``clone``, ``GridSearchCV`` and ``joblib`` keep it.
:func:`policy_tokenizer` segments with the policy lexicon and keeps every slogan and quantity
as one feature, for ``CountVectorizer``/``TfidfVectorizer``; ``functools.partial(policy_tokenizer,
analyzer=a)`` uses an Analyzer of one's own.  Both are picklable.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.utils.validation import check_is_fitted

from ..analyzer import Analyzer, default_analyzer
from ..errors import OptionError
from ..records import Document
from ..text.script import to_simplified

__all__ = ["SloganVectorizer", "SloganAnalyzer", "policy_tokenizer"]

Feature = Literal["normalized", "lexicon_id"]


class SloganAnalyzer:
    """``document -> [slogan, ...]``: the features :class:`SloganVectorizer` counts.  A
    picklable callable (not a lambda), usable as ``CountVectorizer(analyzer=...)``."""

    def __init__(self, feature: Feature = "normalized", analyzer: Analyzer | None = None) -> None:
        self.feature = feature
        self.analyzer = analyzer

    def __call__(self, doc: str | Document) -> list[str]:
        record = doc if isinstance(doc, Document) else (self.analyzer or default_analyzer()).analyze(doc)
        if self.feature == "lexicon_id":
            return [s.lexicon_id for s in record.slogans if s.lexicon_id]
        return [s.normalized for s in record.slogans]


def _check_documents(raw_documents: Any) -> None:
    if isinstance(raw_documents, (str, bytes, Document)):
        raise ValueError("Iterable over raw text documents expected, string object received.")


class SloganVectorizer(TransformerMixin, BaseEstimator):
    """Document x slogan count matrix (``scipy.sparse`` CSR).

    Parameters
    ----------
    feature : "normalized" (the Simplified canonical form, 四个意识) or "lexicon_id" (PT0001…;
        slogans found by shape alone have no id and are left out).
    analyzer : the :class:`policytext.Analyzer` that analyzes raw texts, e.g.
        ``Analyzer(extra_slogans="mine.tsv")`` to count a researcher's slogans; None (default)
        is the shipped data.  Documents given already analyzed are counted as they are.
    min_df, max_df : as in ``CountVectorizer`` (an int is a document count, a float a share).
    binary : count presence (0/1) instead of occurrences.
    dtype : the matrix's dtype.
    """

    def __init__(
        self,
        *,
        feature: Feature = "normalized",
        analyzer: Analyzer | None = None,
        min_df: float | int = 1,
        max_df: float | int = 1.0,
        binary: bool = False,
        dtype: Any = np.int64,
    ) -> None:
        self.feature = feature
        self.analyzer = analyzer
        self.min_df = min_df
        self.max_df = max_df
        self.binary = binary
        self.dtype = dtype

    def _vectorizer(self) -> CountVectorizer:
        if self.feature not in ("normalized", "lexicon_id"):
            raise OptionError("feature", self.feature, ["normalized", "lexicon_id"])
        if self.analyzer is not None and not isinstance(self.analyzer, Analyzer):
            raise OptionError("analyzer", self.analyzer, ["a policytext.Analyzer", None])
        return CountVectorizer(
            analyzer=SloganAnalyzer(self.feature, self.analyzer), min_df=self.min_df, max_df=self.max_df,
            binary=self.binary, dtype=self.dtype,
        )  # fmt: skip

    def fit(self, raw_documents: Iterable[str | Document], y: Any = None) -> SloganVectorizer:
        self.fit_transform(raw_documents)
        return self

    def fit_transform(self, raw_documents: Iterable[str | Document], y: Any = None) -> Any:
        _check_documents(raw_documents)
        self.vectorizer_ = self._vectorizer()
        matrix = self.vectorizer_.fit_transform(raw_documents)
        self.vocabulary_ = self.vectorizer_.vocabulary_
        return matrix

    def transform(self, raw_documents: Iterable[str | Document]) -> Any:
        _check_documents(raw_documents)
        check_is_fitted(self, "vocabulary_")
        return self.vectorizer_.transform(raw_documents)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        check_is_fitted(self, "vocabulary_")
        return self.vectorizer_.get_feature_names_out()

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.requires_fit = True
        return tags


def policy_tokenizer(text: str, *, analyzer: Analyzer | None = None) -> list[str]:
    """Tokens for ``CountVectorizer(tokenizer=policy_tokenizer, token_pattern=None,
    lowercase=False)``: jieba taught the policy lexicon, in Simplified script; every slogan is
    one feature (its normalized form) and so is every quantity (12.1万人, 98.3%);
    punctuation and white space are dropped.  ``analyzer``: an Analyzer of one's own (its
    slogan list, its segmenter); the shipped data by default."""
    doc = (analyzer or default_analyzer()).analyze(text, tokens=True)
    found = sorted(
        [(s.start, -s.end, s.normalized) for s in doc.slogans]
        + [(q.start, -q.end, _quantity_feature(q.text)) for q in doc.quantities]
    )
    spans: list[tuple[int, int, str]] = []
    for start, neg_end, feature in found:  # longest first at a start; overlaps keep the first
        if not spans or start >= spans[-1][1]:
            spans.append((start, -neg_end, feature))
    out: list[str] = []
    k, emitted = 0, -1
    for tok in doc.tokens or ():
        while k < len(spans) and spans[k][1] <= tok.start:
            k += 1
        if k < len(spans) and spans[k][0] < tok.end:
            if emitted != k:
                out.append(spans[k][2])
                emitted = k
            continue
        if any(ch.isalnum() for ch in tok.normalized):
            out.append(tok.normalized)
    return out


def _quantity_feature(surface: str) -> str:
    return "".join(to_simplified(surface).split())

"""SloganVectorizer and policy_tokenizer under scikit-learn's own machinery."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline
from sklearn.utils.estimator_checks import (
    check_get_params_invariance,
    check_no_attributes_set_in_init,
    check_parameters_default_constructible,
    check_set_params,
    parametrize_with_checks,
)

import policytext
from policytext.integrations.sklearn import SloganVectorizer, policy_tokenizer

# two kinds of policy text, each in its own vocabulary of slogans (public formulations)
POVERTY = [
    "坚决打赢三大攻坚战，实现两不愁三保障，做到“三个精准”。",
    "落实两不愁三保障，推进“五个一批”，打赢脱贫攻坚战。",
    "做到“六个精准”，实现两不愁三保障，确保不落一人。",
    "打好三大攻坚战，聚焦两不愁三保障，推进“五个一批”。",
]
PARTY = [
    "增强“四个意识”，坚定“四个自信”，做到“两个维护”。",
    "牢固树立“四个意识”，做到“两个维护”，落实全面从严治党。",
    "坚定“四个自信”，增强“四个意识”，学习十九大精神。",
    "做到“两个维护”，坚定“四个自信”，贯彻十九大精神。",
]
TEXTS = POVERTY + PARTY
LABELS = [0] * len(POVERTY) + [1] * len(PARTY)


def test_counts_slogans_per_document() -> None:
    v = SloganVectorizer()
    X = v.fit_transform(TEXTS)
    names = list(v.get_feature_names_out())
    assert X.shape == (8, len(names)) and "两不愁三保障" in names and "四个意识" in names
    assert X[0, names.index("三大攻坚战")] == 1 and X[4, names.index("四个意识")] == 1
    assert v.vocabulary_ == {n: i for i, n in enumerate(names)}


def test_traditional_and_simplified_give_the_same_features() -> None:
    v = SloganVectorizer().fit(TEXTS)
    trad = [policytext.to_traditional(t) for t in TEXTS]
    assert (v.transform(trad) != v.transform(TEXTS)).nnz == 0


def test_min_df_and_lexicon_ids() -> None:
    common = SloganVectorizer(min_df=3).fit(TEXTS).get_feature_names_out()
    assert set(common) == {"两不愁三保障", "四个意识", "四个自信", "两个维护"}
    ids = SloganVectorizer(feature="lexicon_id").fit(TEXTS).get_feature_names_out()
    assert all(i.startswith("PT") for i in ids)
    with pytest.raises(policytext.OptionError, match="feature"):
        SloganVectorizer(feature="nope").fit(TEXTS)


def test_a_bare_string_is_rejected() -> None:
    with pytest.raises(ValueError, match="Iterable over raw text documents expected"):
        SloganVectorizer().fit("四个意识")
    v = SloganVectorizer().fit(TEXTS)
    with pytest.raises(ValueError, match="Iterable over raw text documents expected"):
        v.transform("四个意识")


def test_clone_and_pickle() -> None:
    v = SloganVectorizer(min_df=2, binary=True)
    c = clone(v)
    assert c.get_params() == v.get_params() and not hasattr(c, "vocabulary_")
    fitted = v.fit(TEXTS)
    back = pickle.loads(pickle.dumps(fitted))
    assert (back.transform(TEXTS) != fitted.transform(TEXTS)).nnz == 0


def test_pipeline_with_tfidf_and_a_classifier_and_grid_search() -> None:
    pipe = Pipeline([("slogans", SloganVectorizer()), ("tfidf", TfidfTransformer()), ("clf", LogisticRegression())])
    pipe.fit(TEXTS, LABELS)
    assert list(pipe.predict(["落实两不愁三保障，打赢三大攻坚战", "增强四个意识，坚定四个自信"])) == [0, 1]
    search = GridSearchCV(pipe, {"slogans__min_df": [1, 2], "slogans__binary": [False, True]}, cv=2)
    search.fit(TEXTS, LABELS)
    assert search.best_params_["slogans__min_df"] in (1, 2)
    assert search.score(TEXTS, LABELS) == 1.0


def test_policy_tokenizer_keeps_slogans_and_quantities_whole() -> None:
    tokens = policy_tokenizer("踐行“四個意識”，完成6個縣摘帽、12.1 萬人脫貧，整改率98.3%。")
    assert tokens == ["践行", "四个意识", "完成", "6个", "县", "摘帽", "12.1万人", "脱贫", "整改", "率", "98.3%"]
    tfidf = TfidfVectorizer(tokenizer=policy_tokenizer, token_pattern=None, lowercase=False).fit(TEXTS)
    assert "两不愁三保障" in tfidf.vocabulary_ and "三个精准" in tfidf.vocabulary_
    again = pickle.loads(pickle.dumps(tfidf))
    assert np.allclose(again.transform(TEXTS[:2]).toarray(), tfidf.transform(TEXTS[:2]).toarray())


# scikit-learn's data checks assume numeric arrays; an estimator whose input tag is ``string``
# (as here, and as for CountVectorizer) is given only the checks that apply, the API checks below
@parametrize_with_checks([SloganVectorizer()])
def test_sklearn_compatible_estimator(estimator, check) -> None:  # type: ignore[no-untyped-def]
    check(estimator)


@pytest.mark.parametrize(
    "check",
    [check_no_attributes_set_in_init, check_parameters_default_constructible, check_get_params_invariance, check_set_params],
)
def test_api_checks(check) -> None:  # type: ignore[no-untyped-def]
    check("SloganVectorizer", SloganVectorizer())


def test_an_analyzer_with_a_user_list_counts_its_slogans_through_clone_and_pickle() -> None:
    """``analyzer`` is a parameter: a researcher's slogan list makes its slogan a feature,
    and clone, pickle and a grid search keep it."""
    a = policytext.Analyzer(extra_slogans=[{"slogan": "三个确保", "items": "确保脱贫、确保增收、确保稳定"}])
    texts = [t + "落实三个确保。" for t in POVERTY] + PARTY
    assert "三个确保" not in SloganVectorizer().fit(texts).get_feature_names_out()
    v = SloganVectorizer(analyzer=a, feature="lexicon_id")
    X = v.fit_transform(texts)
    names = list(v.get_feature_names_out())
    assert "<rows>:1" in names and X[:, names.index("<rows>:1")].toarray().ravel().tolist() == [1] * 4 + [0] * 4
    c = clone(v)
    assert c.get_params()["analyzer"].extra_slogans == a.extra_slogans and not hasattr(c, "vocabulary_")
    back = pickle.loads(pickle.dumps(v))
    assert (back.transform(texts) != X).nnz == 0 and back.analyzer.extra_slogans == a.extra_slogans
    pipe = Pipeline([("slogans", SloganVectorizer(analyzer=a)), ("clf", LogisticRegression())])
    search = GridSearchCV(pipe, {"slogans__binary": [False, True]}, cv=2).fit(texts, LABELS)
    assert "三个确保" in search.best_estimator_["slogans"].get_feature_names_out()
    with pytest.raises(policytext.OptionError, match="analyzer"):
        SloganVectorizer(analyzer="mine.tsv").fit(texts)
    tokens = policy_tokenizer("落实三个确保，完成12.1万人脱贫", analyzer=a)
    assert tokens == ["落实", "三个确保", "完成", "12.1万人", "脱贫"]

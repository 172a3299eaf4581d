"""policytext on a Dask cluster (``pip install 'policytext[dask]'``).

    import dask.bag as db, dask.dataframe as dd
    from policytext.integrations.dask import analyze_bag, tables

    docs = analyze_bag(db.from_sequence(texts, npartitions=8)).compute()   # Documents, in order
    t = tables(dd.read_parquet("news/*.parquet"), text_column="text", id_column="url")
    t["quantities"].to_parquet("out/quantities/")                           # one row per quantity

Every worker analyzes whole partitions and loads OpenCC, jieba and the lexicon once (they are
cached per process).  The same corpus run serially gives the same records.  Each function takes
an ``analyzer`` (a :class:`~policytext.Analyzer` with a researcher's slogan list, say): it goes
to the workers by its configuration and each worker process rebuilds it once.  To run the
``policytext batch`` command on a cluster, pass ``--scheduler tcp://host:8786``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..analyzer import Analyzer, default_analyzer
from ..errors import OptionError
from ..output.tables import COLUMNS, TABLES, to_frames
from ..records import Document

if TYPE_CHECKING:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

__all__ = ["analyze_bag", "analyze_partition", "tables"]


def _analyze_texts(texts: list[str], analyzer: Analyzer, tokens: bool) -> list[Document]:
    return [analyzer.analyze(t, tokens=tokens) for t in texts]


def _used(analyzer: Analyzer | None) -> Analyzer:
    if analyzer is None:
        return default_analyzer()
    if not isinstance(analyzer, Analyzer):
        raise OptionError("analyzer", analyzer, ["a policytext.Analyzer", None])
    return analyzer


def analyze_bag(bag: db.Bag, *, tokens: bool = False, analyzer: Analyzer | None = None) -> db.Bag:
    """A bag of texts → a bag of :class:`~policytext.Document`, partition by partition, by
    ``analyzer`` (the shipped data by default)."""
    return bag.map_partitions(_analyze_texts, _used(analyzer), tokens)


def _meta_dtype(dtype: Any) -> str:
    """A ``meta_*`` column's type from the input column's, by the rule of ``to_frames``."""
    kind = getattr(dtype, "kind", "O")
    if kind in "iu":
        return "Int64"
    if kind == "f":
        return "float64"
    if kind == "b":
        return "boolean"
    return "string"


def analyze_partition(
    frame: pd.DataFrame,
    *,
    text_column: str = "text",
    id_column: str | None = None,
    table: str = "quantities",
    analyzer: Analyzer | None = None,
) -> pd.DataFrame:
    """One pandas partition of texts → the rows of one table (``documents``, ``slogans``,
    ``quantities``, ``dates`` or ``findings``), by ``analyzer`` (the shipped data by default);
    the partition's other columns become ``meta_*``."""
    if table not in TABLES:
        raise OptionError("table", table, list(TABLES))
    used = _used(analyzer)
    others = [c for c in frame.columns if c != text_column]
    docs = []
    for row in frame.to_dict(orient="records"):
        meta = {c: row[c] for c in others}
        doc_id = str(row[id_column]) if id_column else None
        docs.append(used.analyze(row[text_column], id=doc_id, meta=meta))
    out = to_frames(docs)[table]
    columns = list(COLUMNS[table]) + sorted(f"meta_{c}" for c in others)  # as to_frames orders them
    out = out.reindex(columns=columns)
    dtypes = {f"meta_{c}": _meta_dtype(frame[c].dtype) for c in others}
    return out.astype(dtypes).reset_index(drop=True)


def tables(
    ddf: dd.DataFrame, *, text_column: str = "text", id_column: str | None = None, analyzer: Analyzer | None = None
) -> dict[str, dd.DataFrame]:
    """Every table of a Dask DataFrame of texts, as lazy Dask DataFrames (computed together
    with ``dask.compute(*tables(...).values())``, each partition is analyzed once per table),
    by ``analyzer`` (the shipped data by default)."""
    used = _used(analyzer)
    out = {}
    for table in TABLES:
        meta = analyze_partition(ddf._meta, text_column=text_column, id_column=id_column, table=table, analyzer=used)
        out[table] = ddf.map_partitions(
            analyze_partition, text_column=text_column, id_column=id_column, table=table, analyzer=used, meta=meta
        )
    return out

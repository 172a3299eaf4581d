"""policytext on a Dask cluster (``pip install 'policytext[dask]'``).

    import dask.bag as db, dask.dataframe as dd
    from policytext.integrations.dask import analyze_bag, tables

    docs = analyze_bag(db.from_sequence(texts, npartitions=8)).compute()   # Documents, in order
    t = tables(dd.read_parquet("news/*.parquet"), text_column="text", id_column="url")
    t["quantities"].to_parquet("out/quantities/")                           # one row per quantity

Every worker analyzes whole partitions and loads OpenCC, jieba and the lexicon once (they are
cached per process).  The same corpus run serially gives the same records.  To run the
``policytext batch`` command on a cluster, pass ``--scheduler tcp://host:8786``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..analyzer import analyze
from ..records import Document
from ..output.tables import COLUMNS, TABLES, to_frames

if TYPE_CHECKING:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

__all__ = ["analyze_bag", "analyze_partition", "tables"]


def _analyze_texts(texts: list[str], tokens: bool) -> list[Document]:
    return [analyze(t, tokens=tokens) for t in texts]


def analyze_bag(bag: db.Bag, *, tokens: bool = False) -> db.Bag:
    """A bag of texts → a bag of :class:`~policytext.Document`, partition by partition."""
    return bag.map_partitions(_analyze_texts, tokens)


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
    frame: pd.DataFrame, *, text_column: str = "text", id_column: str | None = None, table: str = "quantities"
) -> pd.DataFrame:
    """One pandas partition of texts → the rows of one table (``documents``, ``slogans``,
    ``quantities``, ``dates`` or ``findings``); the partition's other columns become ``meta_*``."""
    if table not in TABLES:
        from ..errors import OptionError

        raise OptionError("table", table, list(TABLES))
    others = [c for c in frame.columns if c != text_column]
    docs = []
    for row in frame.to_dict(orient="records"):
        meta = {c: row[c] for c in others}
        doc_id = str(row[id_column]) if id_column else None
        docs.append(analyze(row[text_column], id=doc_id, meta=meta))
    out = to_frames(docs)[table]
    columns = list(COLUMNS[table]) + sorted(f"meta_{c}" for c in others)  # as to_frames orders them
    out = out.reindex(columns=columns)
    dtypes = {f"meta_{c}": _meta_dtype(frame[c].dtype) for c in others}
    return out.astype(dtypes).reset_index(drop=True)


def tables(ddf: dd.DataFrame, *, text_column: str = "text", id_column: str | None = None) -> dict[str, dd.DataFrame]:
    """Every table of a Dask DataFrame of texts, as lazy Dask DataFrames (computed together
    with ``dask.compute(*tables(...).values())``, each partition is analyzed once per table)."""
    out = {}
    for table in TABLES:
        meta = analyze_partition(ddf._meta, text_column=text_column, id_column=id_column, table=table)
        out[table] = ddf.map_partitions(
            analyze_partition, text_column=text_column, id_column=id_column, table=table, meta=meta
        )
    return out

"""Many texts in, Documents out in input order: :func:`pipe`, optionally in worker processes.

With ``n_process > 1`` the calling process is one of the analyzers: it hands chunks to
``n_process - 1`` workers (:mod:`.workers`) and analyzes chunks itself while the next one in
order is still with a worker, so that on as many cores as processes no core idles.  Workers
send each Document back without its text (the caller has it), which is most of its bytes.
A text that takes longer than ``doc_timeout`` comes out as a Document without records, saying
so in its ``meta`` (see :mod:`.timeout` for where the limit applies).
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from ..analyzer import Analyzer
from ..errors import OptionError
from ..records import Document
from ..wire import document_form, document_from_form
from .timeout import DEFAULT_DOC_TIMEOUT, TimeLimit, TimeLimitExceeded, checked_timeout, limit_reason
from .workers import Workers, analyzer_for, mp_context

__all__ = ["pipe"]

#: chunks of texts and their contexts, as read from the caller's iterable
Chunks = Iterator[tuple[list[str], list[Any]]]


def _analyze_one(text: str, analyzer: Analyzer, tokens: bool, limit: TimeLimit) -> Document:
    """The Document of ``text``; past the time limit, one without records whose
    ``meta["error"]`` says the limit stopped it, so that the stream goes on."""
    try:
        return limit.call(analyzer.analyze, text, tokens=tokens)
    except TimeLimitExceeded:
        reason = limit_reason(limit.seconds)  # type: ignore[arg-type]
        return Document(text=text, text_simplified=text, script="unknown", meta={"error": reason})


def _analyze_texts(texts: list[str], analyzer: Analyzer, tokens: bool, doc_timeout: float | None = None) -> list[Document]:
    with TimeLimit(doc_timeout) as limit:
        return [_analyze_one(t, analyzer, tokens, limit) for t in texts]


def _analyze_forms(
    texts: list[str], analyzer: Analyzer, tokens: bool, doc_timeout: float | None = None
) -> list[tuple[Any, ...]]:
    """What a worker of :func:`pipe` sends back: each Document without its text, which the
    caller has: on news items, a quarter of the bytes of the pickled Documents, pickled and
    unpickled in 55% of the time."""
    with TimeLimit(doc_timeout) as limit:
        return [document_form(_analyze_one(t, analyzer, tokens, limit)) for t in texts]


def pipe(
    texts: Iterable[Any],
    *,
    analyzer: Analyzer | None = None,
    tokens: bool = False,
    segmenter: str = "jieba",
    n_process: int = 1,
    batch_size: int = 128,
    as_tuples: bool = False,
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
) -> Iterator[Any]:
    """Analyze many texts; yield Documents in input order.

    ``analyzer``: the :class:`~policytext.Analyzer` to use (a researcher's slogan list, a
    segmenter); by default the shipped data with ``segmenter``.  Worker processes receive it
    by its configuration and rebuild and load it once each.
    ``as_tuples=True`` takes ``(text, context)`` pairs and yields ``(Document, context)``, as
    spaCy's ``Language.pipe`` does.  ``n_process > 1`` analyzes ``batch_size`` texts at a time
    in ``n_process`` processes: ``n_process - 1`` worker processes and the calling one, which
    analyzes chunks itself while it waits for the workers' (so ``n_process=2`` on two cores
    keeps both busy).

    ``doc_timeout``: seconds one text may take (None: no limit).  A text past it gives a
    Document without records whose ``meta`` is ``{"error": "analysis stopped at the time
    limit …"}``.  The limit applies in worker processes, and in this process when it runs on
    the main thread; on other threads texts are analyzed without one.

    >>> [d.slogans[0].normalized for d in pipe(["四个意识", "两个维护"])]
    ['四个意识', '两个维护']
    """
    if isinstance(texts, (str, bytes)):
        raise TypeError("pipe() takes an iterable of texts, not one text: use analyze(text) or pipe([text])")
    if not isinstance(n_process, int) or n_process < 1:
        raise OptionError("n_process", n_process, ["a positive integer"])
    if not isinstance(batch_size, int) or batch_size < 1:
        raise OptionError("batch_size", batch_size, ["a positive integer"])
    doc_timeout = checked_timeout(doc_timeout)
    used = analyzer_for(analyzer, segmenter)
    return _pipe(_batches(iter(texts), batch_size, as_tuples), used, tokens, n_process, as_tuples, doc_timeout)


def _batches(texts: Iterator[Any], batch_size: int, as_tuples: bool) -> Chunks:
    """``(texts, contexts)`` of each chunk of ``batch_size`` items (contexts None unless
    ``as_tuples``), checked as they are read: a wrong item late in the stream is found there."""
    while chunk := list(islice(texts, batch_size)):
        if as_tuples:
            bad = [c for c in chunk if not (isinstance(c, tuple) and len(c) == 2)]
            if bad:
                raise TypeError(f"pipe(as_tuples=True) takes (text, context) pairs, got {type(bad[0]).__name__}")
            chunk_texts, contexts = [t for t, _ in chunk], [c for _, c in chunk]
        else:
            chunk_texts, contexts = chunk, [None] * len(chunk)
        yield _checked(chunk_texts), contexts


def _checked(chunk: list[Any]) -> list[str]:
    for t in chunk:
        if not isinstance(t, str):
            raise TypeError(f"pipe() takes texts (str), got {type(t).__name__}")
    return chunk


def _pipe(
    chunks: Chunks, analyzer: Analyzer, tokens: bool, n_process: int, as_tuples: bool, doc_timeout: float | None
) -> Iterator[Any]:
    if doc_timeout is not None:
        analyzer.load(tokens=tokens)  # loading is not a text's time
    if n_process == 1:
        for chunk, contexts in chunks:
            for doc, ctx in zip(_analyze_texts(chunk, analyzer, tokens, doc_timeout), contexts):
                yield (doc, ctx) if as_tuples else doc
        return
    in_worker = functools.partial(_analyze_forms, doc_timeout=doc_timeout)
    workers = Workers(n_process - 1, in_worker, analyzer, tokens, mp_context())  # the caller is the n-th
    here = functools.partial(_analyze_texts, analyzer=analyzer, tokens=tokens, doc_timeout=doc_timeout)
    try:
        for docs, contexts in _shared(workers, n_process - 1, chunks, here):
            for doc, ctx in zip(docs, contexts):
                yield (doc, ctx) if as_tuples else doc
    finally:
        workers.close()


class _Slot:
    """One chunk on its way out of :func:`_shared`: with a worker (``seq``) or kept for the
    calling process (``docs`` once analyzed)."""

    __slots__ = ("seq", "texts", "contexts", "docs")

    def __init__(self, seq: int | None, texts: list[str], contexts: list[Any]) -> None:
        self.seq = seq
        self.texts = texts
        self.contexts = contexts
        self.docs: list[Document] | None = None


def _shared(
    workers: Workers, n_workers: int, chunks: Chunks, analyze_here: Callable[[list[str]], list[Document]]
) -> Iterator[tuple[list[Document], list[Any]]]:
    """The Documents of each of ``chunks``, with its contexts, in input order, analyzed by
    ``n_workers`` processes and by this one (``analyze_here``).

    Each worker is kept three chunks ahead: as results arrive, the next chunks go to the workers,
    and the chunks read while they are that far ahead stay here.  While the next chunk in order
    is still with a worker, this process analyzes a kept one rather than wait, so that with as
    many cores as ``n_process`` no core idles; the caller's own load (unpickling what workers
    send, and whatever it does with each Document) sets how much it takes on.  At most
    ``4 * n_process`` chunks are read ahead."""
    slots: deque[_Slot] = deque()
    reading = True
    while True:
        workers.poll()
        if reading:
            reading = _read_ahead(workers, chunks, slots, cap=3 * n_workers, window=4 * (n_workers + 1))
        if not slots:
            return
        head = slots[0]
        if head.seq is not None and not workers.ready(head.seq):
            kept = next((s for s in slots if s.seq is None and s.docs is None), None)
            if kept is not None:  # work here while a worker finishes the head chunk
                kept.docs = analyze_here(kept.texts)
                continue
        slots.popleft()
        if head.seq is not None:
            docs = list(map(document_from_form, head.texts, workers.result(head.seq)))
        else:
            docs = head.docs if head.docs is not None else analyze_here(head.texts)
        yield docs, head.contexts


def _read_ahead(workers: Workers, chunks: Chunks, slots: deque[_Slot], *, cap: int, window: int) -> bool:
    """Read chunks until ``window`` are on their way out; each goes to a worker while fewer
    than ``cap`` are with them, and stays here otherwise.  False once ``chunks`` is done."""
    while len(slots) < window:
        nxt = next(chunks, None)
        if nxt is None:
            return False
        texts, contexts = nxt
        seq = workers.submit(texts) if workers.busy < cap else None
        slots.append(_Slot(seq, texts, contexts))
    return True

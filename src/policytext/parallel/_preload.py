"""Imported by the forkserver that starts policytext's worker processes (see
:func:`policytext.parallel.batch._mp_context`), never by user code: it loads OpenCC, the lexicon, the unit
table and the noun list once in that server, so that every worker forked from it starts warm
instead of loading them again.  Importing it anywhere else only costs that load."""

from .batch import _warm_up

_warm_up(False, "jieba")

import gc

# the loaded resources are never garbage: keep the collector out of them, so that workers forked
# from this server do not copy their pages by writing to every object when they collect
gc.freeze()

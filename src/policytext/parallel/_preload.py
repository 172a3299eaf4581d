"""Imported by the forkserver that starts policytext's worker processes (see
:func:`policytext.parallel.workers.mp_context`), never by user code: it loads the shipped-data
analyzer's resources (OpenCC, the lexicon, the unit table and the noun list) once in that
server, so that every worker forked from it starts warm instead of loading them again.
Importing it anywhere else only costs that load."""

import gc

from ..analyzer import default_analyzer
from .workers import warm_up

warm_up(default_analyzer("jieba"), False)

# the loaded resources are never garbage: keep the collector out of them, so that workers forked
# from this server do not copy their pages by writing to every object when they collect
gc.freeze()

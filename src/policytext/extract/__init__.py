"""Extractors: small pure functions over the normalized working text, one package or module per
concern.  Each returns its findings in document order with offsets into the text it was given;
:mod:`policytext.project` runs them in order and maps them back to the original.

* :mod:`~policytext.extract.slogans`: numbered slogans, one finder per kind of evidence;
* :mod:`~policytext.extract.dates`: dates and durations;
* :mod:`~policytext.extract.quantities`: amounts with units, qualifiers and counted nouns,
  over :mod:`~policytext.extract.numbers` (numbers as written) and
  :mod:`~policytext.extract.numerals` (small Chinese numerals).
"""

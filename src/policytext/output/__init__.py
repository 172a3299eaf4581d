"""Outputs: pandas tables of the records and the files they are written to."""

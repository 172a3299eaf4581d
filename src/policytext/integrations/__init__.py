"""policytext where researchers already work: Dask (``integrations.dask``).  Each integration
imports its library only when used, so ``import policytext`` never needs them."""

"""``python -m policytext`` is the ``policytext`` command."""

from .cli import main

raise SystemExit(main())

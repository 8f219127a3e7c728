"""Command groups beyond ``check``, each registered in :mod:`factcheck.cli` with one line."""

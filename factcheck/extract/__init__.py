"""Shared fact extraction: typed mentions with spans, computed once per Document.

Each extractor is a pure function ``Document -> tuple[Mention, ...]``; checks
call ``document.fact(extractor)`` so the work is done once however many rules
ask for it. Nothing here knows about rules or findings.
"""

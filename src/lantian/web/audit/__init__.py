"""The audit log: every change of operational data, append-only and hash-chained.

``chain`` holds the pure hash chain (no Django); ``models`` the table and its head; ``log`` the
one writer (:func:`lantian.web.audit.log.record`) and the reader that verifies; ``audited`` the
helper other apps wrap their changes in. See ``docs/audit.md``.
"""

"""The plan and task ledger in the platform: plans, targets, tasks, weekly reports with evidence,
extension and closing requests. The rules (status, reporting units, decisions) are those of
:mod:`lantian.planning`; this app stores the values and calls them. See ``docs/ledger.md``.
"""

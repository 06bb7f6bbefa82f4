"""Plan and task ledger rules (任务台账): the model, status, weekly dispatch, warning notices
and the task breakdown table (任务分解表) in Excel.

Pure Python: no Django. The web layer stores these values and calls these functions; the rules
are written in ``docs/ledger_rules.md`` and the Excel template in ``docs/task_template.md``.
"""

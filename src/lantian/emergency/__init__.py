"""Heavy-pollution warnings and the emergency emission-reduction list (no Django here).

Rules and numbers: ``../shared/spec/warnings.md`` and ``performance_grading.md``, written out in
``docs/emergency_warnings.md`` (grading) and ``docs/emergency_list.md`` (the reduction list).
Every rule the spec marks UNCONFIRMED is an explicit option whose default reproduces the
published practice.
"""

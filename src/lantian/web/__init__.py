"""The Django project of lantian: settings, apps, templates and the JSON API.

Nothing in the computing core (``lantian.standards``, ``lantian.airquality``, the planning rules)
imports this package; the web layer calls the core, never the reverse.
"""

"""The heavy-pollution emergency response (重污染天气应急) on the platform: forecasts, warnings
and their life cycle, the emergency reduction list and its enterprises, measure changes,
staggered production and inspections (``docs/emergency_platform.md``). The rules are the core's
(:mod:`lantian.emergency`); this app stores, scopes and shows them."""

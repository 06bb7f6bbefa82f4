"""The demo platform: ``lantian web load_demo`` fills an empty database with the Shijiazhuang 2019
plan, its 36 measures, its units and areas, and one demo user per role (docs/demo.md)."""

"""Benchmarks of lantian against its peers (run as scripts, never as timed tests)."""

"""Air-quality accounting: readers, the measurement store, the statistics engine, targets."""

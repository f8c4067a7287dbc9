"""Pure decisions over canonical types: no I/O, no clocks read, easy to test."""

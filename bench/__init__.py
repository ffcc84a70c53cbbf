"""Benchmarks for SOM and the naive per-row reference scorer they compare against."""

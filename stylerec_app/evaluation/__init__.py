"""Offline evaluation: splits, metrics, experiment runner, report."""

"""Recommendation use cases: datasets from the store, training, serving with reasons."""

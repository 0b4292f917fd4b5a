"""Recommenders over arrays: fit on a TrainData, score every item for a user."""

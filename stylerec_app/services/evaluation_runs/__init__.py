"""Offline evaluation of the recommenders on a store, an H&M folder or MovieLens-100K."""

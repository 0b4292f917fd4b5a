"""Use cases, Qt-free: each long one takes a progress sink and a cancel token."""

"""Versions of the pretrained models' outputs, importable without loading any framework.

A stored vector records the version it was computed with; equal version and input
hash mean it is up to date, so these strings change when a model's output would.
"""

IMAGE_MODEL = "efficientnet-lite0/imagenet@57934424"

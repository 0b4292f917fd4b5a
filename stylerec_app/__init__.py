"""StyleRec: catalog, profiles, restyling and recommendations for merchandisers."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("stylerec")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

APP_NAME = "StyleRec"

# Torch's OpenMP threads otherwise spin on their cores between operations, which takes the
# cores from the work beside them. Profiling runs the style predictor, the palettes and the
# photo decoding next to the embedding network (about 24 -> 20 ms a product on two cores);
# the studio preview runs ONNX beside torch (p50 87 -> 55 ms). A bare torch network alone
# runs up to a third slower. The setting is read once, when OpenMP loads with torch, so it
# is set before anything imports torch.
import os as _os  # noqa: E402

_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

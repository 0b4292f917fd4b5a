"""StyleRec: catalog, profiles, restyling and recommendations for merchandisers."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("stylerec")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

APP_NAME = "StyleRec"

# Torch's OpenMP threads otherwise spin on their cores between operations, which takes the
# cores from the work beside them (profiling runs the style predictor, the palettes and the
# photo decoding next to the embedding network: 27 -> 24 ms a product on two cores). It is
# read once, when OpenMP loads with torch, so it is set before anything imports torch.
import os as _os  # noqa: E402

_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

"""StyleRec: catalog, profiles, restyling and recommendations for merchandisers."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("stylerec")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

APP_NAME = "StyleRec"

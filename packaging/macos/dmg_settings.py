# dmgbuild settings: `dmgbuild -s packaging/macos/dmg_settings.py StyleRec dist/StyleRec.dmg`
# after `packaging/build.sh` produced dist/StyleRec.app (the spec's BUNDLE step on macOS).
import os.path

application = "dist/StyleRec.app"
appname = os.path.basename(application)
format = "UDZO"
size = None
files = [application]
symlinks = {"Applications": "/Applications"}
icon = "resources/icons/stylerec.icns"
badge_icon = icon
icon_locations = {appname: (140, 120), "Applications": (500, 120)}
background = "builtin-arrow"
window_rect = ((100, 100), (640, 280))
default_view = "icon-view"
icon_size = 96

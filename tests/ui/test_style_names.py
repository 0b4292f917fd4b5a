"""The 26 built-in styles have descriptive names, the same in services and UI, translated."""

from stylerec_app.services.styling import BUILTIN_NAMES, StyleService, builtin_name
from stylerec_app.ui.style_names import NAMES, style_name


def test_built_in_styles_have_26_distinct_descriptive_names():
    assert NAMES == BUILTIN_NAMES and len(set(NAMES)) == 26
    assert builtin_name(8) == "Pastel line drawing" and style_name(8) == "Pastel line drawing"
    assert not any(n.startswith("Style ") for n in NAMES)


def test_the_cli_still_finds_styles_by_number_and_old_name():
    class Choice:
        def __init__(self, name, index):
            self.name, self.kind, self.index = name, "builtin", index

    choices = {builtin_name(i).lower(): Choice(builtin_name(i), i) for i in range(26)}
    for key in ("8", "Style 8", "pastel line drawing"):
        assert StyleService._bank_index(key, choices) == 8


def test_style_names_are_translated_in_chinese(qapp, settings):
    from stylerec_app.ui.translations import Translations

    translations = Translations(qapp, settings.cache_dir)
    try:
        assert translations.apply("zh_CN")
        assert all(any("\u4e00" <= c <= "\u9fff" for c in style_name(i)) for i in range(26))
    finally:
        translations.apply("en")
    assert style_name(6) == "Indigo batik"

"""The built-in styles' names in the UI language (services.styling.BUILTIN_NAMES in English).

The literals are repeated here because Qt's lupdate reads them from this file; a test
checks that both lists agree.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

NAMES = (
    QT_TRANSLATE_NOOP("StyleNames", "Sunny pastel"),
    QT_TRANSLATE_NOOP("StyleNames", "Pop-art blocks"),
    QT_TRANSLATE_NOOP("StyleNames", "Charcoal wash"),
    QT_TRANSLATE_NOOP("StyleNames", "Electric strokes"),
    QT_TRANSLATE_NOOP("StyleNames", "Warm impressionist"),
    QT_TRANSLATE_NOOP("StyleNames", "Autumn palette"),
    QT_TRANSLATE_NOOP("StyleNames", "Indigo batik"),
    QT_TRANSLATE_NOOP("StyleNames", "Fauve blue and gold"),
    QT_TRANSLATE_NOOP("StyleNames", "Pastel line drawing"),
    QT_TRANSLATE_NOOP("StyleNames", "Floral print"),
    QT_TRANSLATE_NOOP("StyleNames", "Sepia oil"),
    QT_TRANSLATE_NOOP("StyleNames", "Golden etching"),
    QT_TRANSLATE_NOOP("StyleNames", "Misty watercolour"),
    QT_TRANSLATE_NOOP("StyleNames", "Green cubist"),
    QT_TRANSLATE_NOOP("StyleNames", "Frosted blue"),
    QT_TRANSLATE_NOOP("StyleNames", "Stained glass"),
    QT_TRANSLATE_NOOP("StyleNames", "Blue brushwork"),
    QT_TRANSLATE_NOOP("StyleNames", "Woven grid"),
    QT_TRANSLATE_NOOP("StyleNames", "Sand line art"),
    QT_TRANSLATE_NOOP("StyleNames", "Starry blue"),
    QT_TRANSLATE_NOOP("StyleNames", "Red expressionist"),
    QT_TRANSLATE_NOOP("StyleNames", "Coral cut-paper"),
    QT_TRANSLATE_NOOP("StyleNames", "Faded film"),
    QT_TRANSLATE_NOOP("StyleNames", "Dusky green"),
    QT_TRANSLATE_NOOP("StyleNames", "Cream relief"),
    QT_TRANSLATE_NOOP("StyleNames", "Mosaic tapestry"),
)


def style_name(index: int) -> str:
    """A built-in style's descriptive name, translated."""
    if 0 <= index < len(NAMES):
        return QCoreApplication.translate("StyleNames", NAMES[index])
    return QCoreApplication.translate("StyleNames", "Style %1").replace("%1", str(index))


def persona_label(persona) -> str:
    """A persona's name in the UI language: made of style names (translated here) and
    category names (the catalog's own); a name the user gave is shown as given."""
    if persona.renamed:
        return persona.name
    label = persona.name
    for index in persona.styles:
        if 0 <= index < len(NAMES):
            label = label.replace(NAMES[index], style_name(index))
    return label


def choice_label(choice) -> str:
    """A style the user can pick (services.styling.StyleChoice), as the app names it."""
    if choice.kind == "builtin":
        return style_name(choice.index)
    template = {"trained": QT_TRANSLATE_NOOP("StyleNames", "%1 (trained)"),
                "arbitrary": QT_TRANSLATE_NOOP("StyleNames", "%1 (from a picture)"),
                "vintage": QT_TRANSLATE_NOOP("StyleNames",
                                             "Vintage (CycleGAN, slow without a GPU)")}
    return QCoreApplication.translate("StyleNames", template[choice.kind]).replace(
        "%1", choice.name)


# Where a restyle applies, true to the product first: the whole-image look changes the
# product's colours, so it is an explicit choice, labelled as such.
MASKS = (
    (QT_TRANSLATE_NOOP("StyleNames", "Background only (the product stays true)"), "background"),
    (QT_TRANSLATE_NOOP("StyleNames", "Product only (changes how the product looks)"), "product"),
    (QT_TRANSLATE_NOOP("StyleNames", "Whole image (a look: not the product's real colours)"),
     "all"),
)


def fill_mask_choices(combo) -> None:
    """A combo box of the restyle masks, background only first (the default)."""
    for label, mode in MASKS:
        combo.addItem(QCoreApplication.translate("StyleNames", label), mode)

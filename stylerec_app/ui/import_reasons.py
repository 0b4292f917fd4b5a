"""Import-report reasons in the UI language.

The importer words its reasons in English (the CLI and the saved CSV keep them so);
this maps each known wording to a translatable template. Unknown wordings pass through.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject


class ImportReasons(QObject):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.patterns = [(re.compile(p), t) for p, t in (
            (r"^missing id$", self.tr("missing id")),
            (r"^missing price$", self.tr("missing price")),
            (r"^missing timestamp$", self.tr("missing timestamp")),
            (r"^missing event kind$", self.tr("missing event kind")),
            (r"^missing (.+)$", self.tr("missing %1")),
            (r"^unparsable price (.+)$", self.tr("unparsable price %1")),
            (r"^invalid price (.+)$", self.tr("invalid price %1")),
            (r"^unparsable date (.+)$", self.tr("unparsable date %1")),
            (r"^unparsable age (.+)$", self.tr("unparsable age %1")),
            (r"^unparsable (\S+) (.+)$", self.tr("unparsable %1 %2")),
            (r"^invalid article_id (.+)$", self.tr("invalid article_id %1")),
            (r"^rating event without a value$", self.tr("rating event without a value")),
            (r"^unknown event kind (.+) \(expected .*\)$",
             self.tr("unknown event kind %1 (expected view, click, cart, purchase or rating)")),
            (r"^duplicate id (.+) \(first on line (\d+)\)$",
             self.tr("duplicate id %1 (first on line %2)")),
            (r"^expected (\d+) columns, found (\d+)$", self.tr("expected %1 columns, found %2")),
            (r"^unknown product (.+)$", self.tr("unknown product %1")),
            (r"^photo not found: (.+)$", self.tr("photo not found: %1")),
            (r"^photo unreadable: (.+)$", self.tr("photo unreadable: %1")),
            (r"^corrupt photo: (.+)$", self.tr("corrupt photo: %1")),
        )]

    def text(self, reason: str) -> str:
        for pattern, template in self.patterns:
            match = pattern.match(reason)
            if match:
                out = template
                for n, value in enumerate(match.groups(), 1):
                    out = out.replace(f"%{n}", value)
                return out
        return reason

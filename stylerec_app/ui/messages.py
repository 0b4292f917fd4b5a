"""Service messages in the UI language: one translatable template per message code.

Services report codes with arguments (``domain/messages.py``); this words them through
Qt's translation system. Templates use ``{name}`` placeholders filled with str.format,
so translators keep the braces. A code without a template here falls back to the
English wording, so nothing is ever shown as a bare code.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject

from stylerec_app.domain.messages import english


class Messages(QObject):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.templates = {
            "row.encoding": self.tr("not valid {encoding} text (bad byte at offset {offset})"),
            "row.too_large": self.tr("row is {size:,} bytes, over the {limit:,}-byte limit"),
            "row.unbalanced_quote": self.tr("a quoted field opened on this line is never "
                                            "closed"),
            "row.columns": self.tr("expected {expected} columns, found {found}"),
            "row.nul": self.tr("contains a NUL byte"),
            "row.json": self.tr("invalid JSON ({detail})"),
            "row.not_object": self.tr("expected a JSON object"),
            "row.duplicate_id": self.tr("duplicate id “{id}” (first on line {first})"),
            "row.invalid": self.tr("cannot be read ({detail})"),
            "field.missing": self.tr("missing {field}"),
            "field.control": self.tr("{field} “{value}” contains control characters"),
            "field.too_long": self.tr("{field} is {length:,} characters long (at most "
                                      "{limit:,})"),
            "field.invalid": self.tr("invalid {field} “{value}”"),
            "number.unparsable": self.tr("unparsable {field} “{value}”"),
            "number.ambiguous": self.tr("{field} “{value}” is ambiguous: say which decimal "
                                        "mark the file uses (point or comma)"),
            "number.invalid": self.tr("invalid {field} “{value}”"),
            "date.unparsable": self.tr("unparsable date “{value}”"),
            "date.out_of_range": self.tr("date “{value}” is outside {low} … {high}"),
            "kind.unknown": self.tr("unknown event kind “{value}” (expected view, click, "
                                    "cart, purchase or rating)"),
            "rating.missing": self.tr("rating event without a value"),
            "product.unknown": self.tr("unknown product “{id}”"),
            "image.missing": self.tr("photo not found: {path}"),
            "image.not_a_file": self.tr("photo is not a regular file: {path}"),
            "image.outside_folder": self.tr("photo path {path} is outside the images folder"),
            "image.empty": self.tr("photo is an empty file: {path}"),
            "image.file_too_large": self.tr("photo is {size_mb:.1f} MB, over the {limit_mb:g} "
                                            "MB limit: {path}"),
            "image.too_many_pixels": self.tr("photo is {width}×{height} ({megapixels:.0f} MP), "
                                             "over the {limit_mp:g} MP limit: {path}"),
            "image.corrupt": self.tr("corrupt photo: {path} ({detail})"),
            "image.not_image": self.tr("corrupt photo: {path} (not an image file)"),
            "image.unreadable": self.tr("photo unreadable: {path} ({detail})"),
            "file.not_found": self.tr("{what} not found: {path}"),
            "file.not_regular": self.tr("{what} is not a regular file: {path}"),
            "file.unreadable": self.tr("cannot read {path}: {detail}"),
            "file.empty": self.tr("{file} has no rows: nothing to import from it"),
            "file.utf16": self.tr("{file} is UTF-16 text: save it as UTF-8 (CSV UTF-8 in "
                                  "Excel) and import again"),
            "file.no_column": self.tr("{file}: no column for {fields} (accepted names: "
                                      "{accepted}; or map one)"),
            "file.not_hm": self.tr("{path} has no article_id column: not the H&M layout"),
            "file.encoding_unknown": self.tr("unknown text encoding “{encoding}”: use utf-8, "
                                             "utf-8-sig, gbk or gb18030"),
            "folder.not_found": self.tr("images folder not found: {path}"),
            "import.helper_died": self.tr("The helper process reading {file} stopped "
                                          "unexpectedly (status {status}); what was written "
                                          "so far is kept. Run the import again to resume."),
            "import.helper_failed": self.tr("Reading {file} failed ({detail}); what was "
                                            "written so far is kept."),
            "store.not_found": self.tr("No store at {path}."),
            "store.empty_file": self.tr("{path} is an empty file, not a StyleRec store; it was "
                                        "not changed."),
            "store.not_sqlite": self.tr("{path} is not an SQLite database, so not a StyleRec "
                                        "store; it was not changed."),
            "store.foreign": self.tr("{path} is an SQLite database of another application, "
                                     "not a StyleRec store; it was not changed."),
            "store.too_new": self.tr("{path} was written by a newer version of StyleRec "
                                     "(schema {revision}); this version knows schemas up to "
                                     "{head}. Update StyleRec to open it — the file was not "
                                     "changed."),
            "store.cannot_open": self.tr("Cannot open {path}: {detail}. The file was not "
                                         "changed."),
            "store.read_only": self.tr("{path} is read-only: it can be browsed, not changed."),
            "store.read_only_old": self.tr("{path} was written by an older StyleRec and must "
                                           "be upgraded, which needs write access; it is "
                                           "read-only here, so it was not changed."),
            "store.migration_broken": self.tr("Upgrading {path} would leave rows of {table} "
                                              "pointing at nothing, so the upgrade was rolled "
                                              "back and the store left as it was (a backup "
                                              "sits beside it)."),
            "store.disk_full": self.tr("The disk holding {path} is full: the batch in "
                                       "progress was rolled back and the store is intact. Free "
                                       "some space and run it again to resume."),
            "store.write_failed": self.tr("Writing to {path} failed (the disk may be full, "
                                          "or the file too large for it): the batch in "
                                          "progress was rolled back and the store is intact. "
                                          "Free some space and run it again to resume."),
            "store.busy": self.tr("{path} is busy (another StyleRec is writing to it) and did "
                                  "not free up in time; the batch was rolled back. Try again "
                                  "in a moment."),
            "store.cannot_connect": self.tr("Cannot reach the team store {path}: {detail}. "
                                            "Nothing was changed."),
            "store.foreign_db": self.tr("The database {path} holds another application's "
                                        "tables, not a StyleRec store; it was not changed."),
            "store.empty_db": self.tr("The database {path} is empty: open it as a new team "
                                      "store to set it up."),
            "store.connection_lost": self.tr("The connection to the team store {path} was "
                                             "lost: the batch in progress was rolled back and "
                                             "the store is intact. Run it again to resume."),
            "checkpoint.unreadable": self.tr("The training checkpoint {path} cannot be used "
                                             "({detail}). Start the training over to replace "
                                             "it."),
            "model.unreadable": self.tr("The saved {model} model cannot be read ({detail}); "
                                        "train it again."),
            "model.missing": self.tr("No trained {model} model for this store yet: train it "
                                     "first."),
            "reason.style": self.tr("close to their style"),
            "reason.similar": self.tr("looks like {title}, which they engaged with"),
            "reason.family": self.tr("another colour of {title}, which they engaged with"),
            "reason.colour": self.tr("matches colours they like ({colour})"),
            "reason.category": self.tr("from {category}, which they shop often"),
            "reason.popular_in": self.tr("popular in {category}"),
            "reason.popular": self.tr("popular with shoppers like them"),
            "reason.bought_with": self.tr("often bought with {title}, which they bought"),
            "reason.trending": self.tr("trending this week"),
            "reason.trending_in": self.tr("trending this week in {category}"),
            "reason.trending_age": self.tr("trending this week with shoppers aged {band}"),
            "reason.shoppers_like": self.tr("bought by shoppers whose purchases are like theirs"),
            "reason.again": self.tr("they bought it before and may buy it again"),
            "reason.persona": self.tr("suits {count} of the persona's {total} most typical "
                                      "shoppers"),
        }

    def text(self, code: str, args: Mapping[str, object]) -> str:
        template = self.templates.get(code)
        if template is None:
            return english(code, args)
        try:
            return template.format(**args)
        except (KeyError, ValueError, IndexError):
            return english(code, args)

    def error(self, exc: BaseException) -> str:
        """An exception as the user reads it: its code's template, else its own words."""
        code = getattr(exc, "code", None)
        if code and code != "text":
            return self.text(code, getattr(exc, "params", {}))
        return str(exc)

"""Messages as a code plus arguments, so every layer can word them in its own language.

Services raise and report codes (``row.encoding`` with ``offset=…``); the CLI and the
saved CSV render the English templates below; the UI renders its own translated
templates for the same codes (``ui/messages.py``). A code nobody knows renders as its
``text`` argument, so free-form messages still read as sentences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

ENGLISH: Mapping[str, str] = MappingProxyType({
    # -- one row of an input file ----------------------------------------------------------
    "row.encoding": "not valid {encoding} text (bad byte at offset {offset})",
    "row.too_large": "row is {size:,} bytes, over the {limit:,}-byte limit",
    "row.unbalanced_quote": "a quoted field opened on this line is never closed",
    "row.columns": "expected {expected} columns, found {found}",
    "row.nul": "contains a NUL byte",
    "row.json": "invalid JSON ({detail})",
    "row.not_object": "expected a JSON object",
    "row.duplicate_id": "duplicate id {id!r} (first on line {first})",
    "row.invalid": "cannot be read ({detail})",
    # -- one field of a row -----------------------------------------------------------------
    "field.missing": "missing {field}",
    "field.control": "{field} {value!r} contains control characters",
    "field.too_long": "{field} is {length:,} characters long (at most {limit:,})",
    "field.invalid": "invalid {field} {value!r}",
    "number.unparsable": "unparsable {field} {value!r}",
    "number.ambiguous": "{field} {value!r} is ambiguous: say which decimal mark the file uses "
                        "(--decimal point or --decimal comma)",
    "number.invalid": "invalid {field} {value!r}",
    "date.unparsable": "unparsable date {value!r}",
    "date.out_of_range": "date {value!r} is outside {low} … {high}",
    "kind.unknown": "unknown event kind {value!r} (expected view, click, cart, purchase or "
                    "rating)",
    "rating.missing": "rating event without a value",
    "product.unknown": "unknown product {id!r}",
    # -- photos -----------------------------------------------------------------------------
    "image.missing": "photo not found: {path}",
    "image.not_a_file": "photo is not a regular file: {path}",
    "image.outside_folder": "photo path {path} is outside the images folder",
    "image.empty": "photo is an empty file: {path}",
    "image.file_too_large": "photo is {size_mb:.1f} MB, over the {limit_mb:g} MB limit: {path}",
    "image.too_many_pixels": "photo is {width}×{height} ({megapixels:.0f} MP), over the "
                             "{limit_mp:g} MP limit: {path}",
    "image.corrupt": "corrupt photo: {path} ({detail})",
    "image.not_image": "corrupt photo: {path} (not an image file)",
    "image.unreadable": "photo unreadable: {path} ({detail})",
    # -- whole files --------------------------------------------------------------------------
    "file.not_found": "{what} not found: {path}",
    "file.not_regular": "{what} is not a regular file: {path}",
    "file.unreadable": "cannot read {path}: {detail}",
    "file.empty": "{file} has no rows: nothing to import from it",
    "file.utf16": "{file} is UTF-16 text: save it as UTF-8 (CSV UTF-8 in Excel) and import "
                  "again",
    "file.no_column": "{file}: no column for {fields} (accepted names: {accepted}; or map one "
                      "with --map)",
    "file.not_hm": "{path} has no article_id column: not the H&M layout",
    "file.encoding_unknown": "unknown text encoding {encoding!r}: use utf-8, utf-8-sig, gbk or "
                             "gb18030",
    "folder.not_found": "images folder not found: {path}",
    "import.helper_died": "The helper process reading {file} stopped unexpectedly (status "
                          "{status}); what was written so far is kept. Run the import again "
                          "to resume.",
    "import.helper_failed": "Reading {file} failed ({detail}); what was written so far is "
                            "kept.",
    # -- stores -------------------------------------------------------------------------------
    "store.not_found": "No store at {path}. Import into it or create one (stylerec demo, File → "
                       "New Store) to make a new one.",
    "store.empty_file": "{path} is an empty file, not a StyleRec store; it was not changed.",
    "store.not_sqlite": "{path} is not an SQLite database, so not a StyleRec store; it was not "
                        "changed.",
    "store.foreign": "{path} is an SQLite database of another application, not a StyleRec "
                     "store; it was not changed.",
    "store.too_new": "{path} was written by a newer version of StyleRec (schema {revision}); "
                     "this version knows schemas up to {head}. Update StyleRec to open it — "
                     "the file was not changed.",
    "store.cannot_open": "Cannot open {path}: {detail}. The file was not changed.",
    "store.read_only": "{path} is read-only: it can be browsed, not changed.",
    "store.read_only_old": "{path} was written by an older StyleRec and must be upgraded, "
                           "which needs write access; it is read-only here, so it was not "
                           "changed.",
    "store.migration_broken": "Upgrading {path} would leave rows of {table} pointing at "
                              "nothing, so the upgrade was rolled back and the store left as "
                              "it was (a backup sits beside it).",
    "store.disk_full": "The disk holding {path} is full: the batch in progress was rolled "
                       "back and the store is intact. Free some space and run it again to "
                       "resume.",
    "store.write_failed": "Writing to {path} failed (the disk may be full, or the file too large "
                          "for it): the batch in progress was rolled back and the store is "
                          "intact. Free some space and run it again to resume.",
    "store.busy": "{path} is busy (another StyleRec is writing to it) and did not free up in "
                  "time; the batch was rolled back. Try again in a moment.",
    "store.cannot_connect": "Cannot reach the team store {path}: {detail}. Nothing was "
                            "changed.",
    "store.foreign_db": "The database {path} holds another application's tables, not a "
                        "StyleRec store; it was not changed.",
    "store.empty_db": "The database {path} is empty: open it as a new team store to set it up.",
    "store.copy_target_not_empty": "{path} already holds products or events: copy into a new "
                                   "store.",
    "store.connection_lost": "The connection to the team store {path} was lost: the batch in "
                             "progress was rolled back and the store is intact. Run it again "
                             "to resume.",
    # -- saved files ----------------------------------------------------------------------------
    "checkpoint.unreadable": "The training checkpoint {path} cannot be used ({detail}); "
                             "start the training over to replace it.",
    "model.unreadable": "The saved {model} model cannot be read ({detail}); train it again.",
    "model.missing": "No trained {model} model for this store: train it first (stylerec train "
                     "--model {model}).",
    # -- why a product was recommended ----------------------------------------------------------
    "reason.style": "close to their style",
    "reason.similar": "looks like {title}, which they engaged with",
    "reason.family": "another colour of {title}, which they engaged with",
    "reason.colour": "matches colours they like ({colour})",
    "reason.category": "from {category}, which they shop often",
    "reason.popular_in": "popular in {category}",
    "reason.popular": "popular with shoppers like them",
    "reason.bought_with": "often bought with {title}, which they bought",
    "reason.trending": "trending this week",
    "reason.trending_in": "trending this week in {category}",
    "reason.trending_age": "trending this week with shoppers aged {band}",
    "reason.shoppers_like": "bought by shoppers whose purchases are like theirs",
    "reason.again": "they bought it before and may buy it again",
    "reason.persona": "suits {count} of the persona's {total} most typical shoppers",
    # -- usage --------------------------------------------------------------------------------
    "usage.decimal": "--decimal must be point or comma, not {value!r}",
})


@dataclass(frozen=True)
class Message:
    code: str
    args: Mapping[str, object] = field(default_factory=dict)

    def english(self) -> str:
        return english(self.code, self.args)


def english(code: str, args: Mapping[str, object]) -> str:
    """The English wording; unknown codes (or arguments) fall back to the raw text."""
    template = ENGLISH.get(code)
    if template is None:
        return str(args.get("text", code))
    try:
        return template.format(**args)
    except (KeyError, ValueError, IndexError):
        return f"{code} {dict(args)}"

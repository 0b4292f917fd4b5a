"""The import report: what landed, what was rejected, and why (file, line, code + arguments)."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from stylerec_app.domain.messages import Message, english

ERROR = "error"  # the row was rejected
WARNING = "warning"  # the row imported, but something about it needs attention

# OWASP "CSV injection": a spreadsheet runs a cell that starts with one of these.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ImportIssue:
    file: str
    line: int
    code: str
    args: Mapping[str, object] = field(default_factory=dict)
    severity: str = ERROR

    @property
    def reason(self) -> str:
        """The English wording (CLI, saved CSV); the UI words the code itself."""
        return english(self.code, self.args)

    @property
    def message(self) -> Message:
        return Message(self.code, self.args)


@dataclass
class EntityCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0

    @property
    def seen(self) -> int:
        return self.new + self.updated + self.unchanged + self.rejected


@dataclass
class ImportReport:
    source: str
    location: str
    status: str = "running"
    run_id: int | None = None
    counts: dict[str, EntityCounts] = field(default_factory=dict)
    issues: list[ImportIssue] = field(default_factory=list)

    def count(self, entity: str) -> EntityCounts:
        return self.counts.setdefault(entity, EntityCounts())

    @property
    def total_new(self) -> int:
        return sum(c.new for c in self.counts.values())

    @property
    def errors(self) -> list[ImportIssue]:
        return [i for i in self.issues if i.severity == ERROR]

    @property
    def warnings(self) -> list[ImportIssue]:
        return [i for i in self.issues if i.severity == WARNING]

    def summary_lines(self) -> list[str]:
        lines = [f"Import from {self.source} ({self.location}): {self.status}"]
        for entity, c in self.counts.items():
            lines.append(
                f"  {entity:<13} new {c.new:>7}  updated {c.updated:>6}  "
                f"unchanged {c.unchanged:>7}  rejected {c.rejected:>5}"
            )
        lines.append(f"  {len(self.errors)} rejected row(s), {len(self.warnings)} warning(s)")
        return lines

    def write_csv(self, path: Path) -> None:
        """Save the issues so a merchandiser can fix the source files."""
        with open(path, "w", newline="", encoding="utf-8-sig") as fh:
            writer = csv.writer(fh)
            writer.writerow(["severity", "file", "line", "code", "reason"])
            for issue in self.issues:
                writer.writerow([safe_cell(v) for v in (issue.severity, issue.file, issue.line,
                                                        issue.code, issue.reason)])


def safe_cell(value: object) -> object:
    """A cell a spreadsheet shows as text, never runs: formula starts get a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value

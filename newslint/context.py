"""What a rule is handed: the document and the settings that apply to this one file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newslint.document import Document

if TYPE_CHECKING:
    from newslint.config import FileSettings


@dataclass(frozen=True)
class RuleContext:
    """One file's document plus its resolved settings; rules read nothing else."""

    doc: Document
    settings: FileSettings
    enabled: frozenset[str] = frozenset()
    """The codes that run on this file, site rules included (a rule may leave a case to one)."""

    def options(self, code: str) -> dict[str, Any]:
        """Per-rule options from the configuration (``[tool.newslint.rules.CODE]``)."""
        return self.settings.rule_options.get(code, {})

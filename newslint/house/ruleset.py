"""What a rules file or plugin gives once read and checked, and the error that refuses one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newslint.catalogue import RuleDoc
from newslint.config import ConfigError

if TYPE_CHECKING:
    from newslint.rules import Check


class HouseRulesError(ConfigError):
    """A rules file or plugin that cannot be used; the message names every problem."""


@dataclass(frozen=True)
class RuleSet:
    """The rules of one rules file or plugin, checked and ready to register."""

    source: str
    """The rules file as shown (its path), or ``plugin NAME``."""
    digest: str
    docs: tuple[RuleDoc, ...]
    checks: dict[str, Check]
    lines: dict[str, int]
    """Each rule's line in its file (no entry for a plugin's)."""
    data: tuple[str, ...] = ()
    """Site data files the rules read (``_data/authors.yml``), relative to a site root."""

    def where(self, code: str) -> str:
        """``file:line`` of a rule, or the plugin."""
        line = self.lines.get(code)
        return self.source if line is None else f"{self.source}:{line}"

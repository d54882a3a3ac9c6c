"""Settings from ``[tool.newslint]`` in pyproject.toml or ``newslint.toml``, checked by pydantic.

Settings that already have exactly the declared types are built without importing pydantic
(``shapes.validate``); pydantic converts anything else or explains what is wrong.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from newslint.diagnostics import Severity
from newslint.errors import UsageError
from newslint.shapes import Invalid, validate

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

CONFIG_FILES = ("newslint.toml", "pyproject.toml")


class ConfigError(UsageError):
    """A configuration file that cannot be used; the message names the file and the key."""


def _key(name: str) -> str:
    """The TOML key of a settings field: kebab-case, and ``schema`` for ``schema_name``."""
    return "schema" if name == "schema_name" else name.replace("_", "-")


@dataclass
class Settings:
    """The user's configuration. Keys are kebab-case in TOML (``per-file-ignores``)."""

    __pydantic_config__: ClassVar[dict[str, object]] = {
        "extra": "forbid",
        "alias_generator": _key,
        "populate_by_name": True,
    }

    select: list[str] = field(default_factory=lambda: ["DEFAULT"])
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    schema_name: str = "jekyll-post"
    schemas: dict[str, str] = field(default_factory=dict)
    """Schema per path glob, e.g. ``{"_posts/news/**" = "news-post"}``; the last match wins."""
    schema_paths: list[str] = field(default_factory=list)
    """Extra directories (relative to the config file) searched for ``<name>.yaml`` schemas."""
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    feature_text_template: str | None = None
    """How ``feature_text`` derives from ``excerpt``; ``{excerpt}`` marks where it goes."""
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per-rule options keyed by rule code."""
    custom_rules: list[str] = field(default_factory=list)
    """House-rule files (YAML, relative to the config file), e.g. ``["newslint-rules.yaml"]``."""
    plugins: list[str] = field(default_factory=list)
    """Installed rule plugins to load, by their ``newslint.rules`` entry-point name."""


def parse_settings(data: object, source: Path) -> Settings:
    """``data`` (a ``[tool.newslint]`` table) as settings; ``ConfigError`` names what is wrong."""
    try:
        return validate(Settings, data)
    except Invalid as exc:
        raise ConfigError(_describe(exc.errors, source)) from None


@dataclass(frozen=True)
class LoadedSettings:
    """Settings plus the directory they are relative to (the config file's, or the cwd)."""

    settings: Settings
    root: Path
    source: Path | None
    house_digest: str = ""
    """A digest of the house-rule files and plugins it loaded (``house.install``)."""
    house_data: tuple[str, ...] = ()
    """Site data files its house rules read (``_data/authors.yml``), relative to a site root."""


@dataclass(frozen=True)
class FileSettings:
    """What applies to one file: the chosen schema, ignores, severities and rule options."""

    schema_name: str = "jekyll-post"
    schema_dirs: tuple[Path, ...] = ()
    ignored: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    feature_text_template: str | None = None
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    path: Path | None = None
    """The file's real path (``None`` for standard input without ``--stdin-filename``)."""
    house_digest: str = ""
    """The configuration's house rules and plugins, as a digest (so the cache key has them)."""
    house_data: tuple[str, ...] = ()
    """Site data files the house rules read, whose contents the cache key also digests."""


def _describe(errors: list[ErrorDetails], source: Path) -> str:
    import difflib

    known = sorted(_key(item.name) for item in fields(Settings))
    lines = [f"{source}: invalid [tool.newslint] configuration"]
    for item in errors:
        where = ".".join(str(part) for part in item["loc"]) or "(root)"
        if item["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            hint = difflib.get_close_matches(str(item["loc"][0]), known, n=1)
            suggestion = f'; did you mean "{hint[0]}"?' if hint else ""
            lines.append(f'  unknown key "{where}"{suggestion}')
        else:
            lines.append(f'  key "{where}": {item["msg"]}')
    return "\n".join(lines)


def read_config_file(path: Path) -> Settings | None:
    """Settings from one file; ``None`` when a pyproject.toml has no ``[tool.newslint]``."""
    # Imported here: a run that finds no configuration file needs no TOML parser.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib

    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("newslint")
        if section is None:
            return None
        data = section
    elif isinstance(data.get("tool"), dict) and "newslint" in data["tool"]:
        raise ConfigError(
            f"{path}: newslint.toml takes its settings at the top level: remove the "
            "[tool.newslint] line (that table is for pyproject.toml)"
        )
    settings = parse_settings(data, path)
    _check_schema_paths(settings, path)
    _check_inside(settings.custom_rules, "custom-rules", "rule files", path)
    return settings


def _check_schema_paths(settings: Settings, source: Path) -> None:
    """Refuse ``schema-paths`` that leave the configuration's directory (even by a symlink).

    The configuration sits in the repository, which a pull request can change: it must not
    make newslint read files elsewhere on the machine that runs it.
    """
    for name in [settings.schema_name, *settings.schemas.values()]:
        if Path(name).is_absolute() or ".." in Path(name).parts:
            raise ConfigError(
                f'{source}: schema "{name}" is not read: name a schema, or give a relative '
                'path inside the repository (without "..")'
            )
    _check_inside(settings.schema_paths, "schema-paths", "schema directories", source)


def _check_inside(entries: list[str], key: str, what: str, source: Path) -> None:
    """Refuse paths of ``key`` that leave the configuration's directory (see above)."""
    root = real_path(source.parent)
    for entry in entries:
        inside = real_path(root / entry).is_relative_to(root)
        if Path(entry).is_absolute() or ".." in Path(entry).parts or not inside:
            raise ConfigError(
                f'{source}: key "{key}": "{entry}" is outside {root}; '
                f'{what} must be inside the repository (relative, without "..")'
            )


class ConfigFinder:
    """Finds the configuration that applies to a file, searching upward, cached per directory."""

    def __init__(self, explicit: Path | None = None, cwd: Path | None = None) -> None:
        self._cwd = real_path(cwd or Path.cwd())
        self._explicit: LoadedSettings | None = None
        if explicit is not None:
            loaded = read_config_file(explicit)
            self._explicit = LoadedSettings(
                loaded or Settings(), real_path(explicit).parent, explicit
            )
        self._by_dir: dict[Path, LoadedSettings] = {}

    def for_directory(self, directory: Path) -> LoadedSettings:
        if self._explicit is not None:
            return self._explicit
        directory = real_directory(directory)
        cached = self._by_dir.get(directory)
        if cached is not None:
            return cached
        found: LoadedSettings | None = None
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                settings = read_config_file(candidate)
                if settings is not None:
                    found = LoadedSettings(settings, directory, candidate)
                    break
        if found is None:
            parent = directory.parent
            if parent == directory:
                found = LoadedSettings(Settings(), self._cwd, None)
            else:
                found = self.for_directory(parent)
        self._by_dir[directory] = found
        return found


def _matches(relative: str, pattern: str) -> bool:
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatchcase(relative, pattern):
        return True
    # A bare directory or file name matches anywhere below it, like gitignore.
    return fnmatch.fnmatchcase(relative, pattern + "/*") or any(
        fnmatch.fnmatchcase(part, pattern) for part in relative.split("/")
    )


def real_path(path: Path) -> Path:
    """``path`` with symlinks resolved; never raises, even on a symlink loop."""
    return Path(os.path.realpath(path))


def real_directory(directory: Path) -> Path:
    """``real_path`` of a directory, remembered: runs ask about each directory many times."""
    # Keyed by the absolute path, so a relative path is not answered for another cwd.
    return _real_directory(str(directory.absolute()))


@functools.lru_cache(maxsize=4096)
def _real_directory(directory: str) -> Path:
    return real_path(Path(directory))


def relative_to_cwd(path: Path) -> str:
    """``path`` as messages name a configuration's files: relative to the working directory
    when it is inside it, else as given."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def relative_to_root(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` in POSIX form, or ``path`` itself when it is outside."""
    # String arithmetic on resolved directories: pathlib's relative_to is slow per file.
    directory = os.fspath(real_directory(path.parent))
    base = os.fspath(root)
    if directory == base:
        return path.name
    if directory.startswith(base.rstrip(os.sep) + os.sep):
        inner = directory[len(base.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
        return f"{inner}/{path.name}"
    return path.as_posix()


def resolve_file_settings(loaded: LoadedSettings, path: Path | None) -> FileSettings:
    """Apply path globs (schemas, per-file ignores) of ``loaded`` to one file."""
    settings = loaded.settings
    globbed = settings.schemas or settings.per_file_ignores
    relative = relative_to_root(path, loaded.root) if path is not None and globbed else ""
    schema = settings.schema_name
    for pattern, name in settings.schemas.items():
        if relative and _matches(relative, pattern):
            schema = name
    ignored: set[str] = set()
    for pattern, codes in settings.per_file_ignores.items():
        if relative and _matches(relative, pattern):
            ignored.update(codes)
    return FileSettings(
        schema_name=schema,
        schema_dirs=tuple(loaded.root / d for d in settings.schema_paths),
        ignored=frozenset(ignored),
        severity=dict(settings.severity),
        feature_text_template=settings.feature_text_template,
        rule_options=settings.rules,
        path=path,
        house_digest=loaded.house_digest,
        house_data=loaded.house_data,
    )


def is_excluded(path: Path, loaded: LoadedSettings) -> bool:
    if not loaded.settings.exclude:
        return False
    relative = relative_to_root(path, loaded.root)
    return any(_matches(relative, pattern) for pattern in loaded.settings.exclude)

"""What applies to each file of a run: its settings and the rules it enables."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from newslint.config import (
    ConfigFinder,
    FileSettings,
    LoadedSettings,
    is_excluded,
    resolve_file_settings,
)
from newslint.engine import select_rules
from newslint.options import Options


class Selection:
    """A run's configuration lookup and rule selection, each worked out once per directory."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.finder = ConfigFinder(options.config)
        self._enabled: dict[int, frozenset[str]] = {}
        self._loaded: dict[str, LoadedSettings] = {}
        self._excluded: dict[int, tuple[LoadedSettings, LoadedSettings]] = {}
        """Per configuration: it, and it with the command line's excludes."""
        self._houses: dict[int, tuple[LoadedSettings, LoadedSettings]] = {}
        """Per configuration: it, and it with its house rules installed."""

    def enabled_for(self, loaded: LoadedSettings) -> frozenset[str]:
        """The rules enabled by a configuration and the run's ``--select`` and ``--ignore``."""
        key = id(loaded.settings)
        cached = self._enabled.get(key)
        if cached is None:
            conf = loaded.settings
            opts = self.options
            select = [*(opts.select or conf.select), *conf.extend_select, *opts.extend_select]
            cached = self._enabled[key] = select_rules(select, [*conf.ignore, *opts.ignore])
        return cached

    def loaded_for(self, directory: Path | str) -> LoadedSettings:
        """The configuration of a directory, remembered by the path as given for this run."""
        key = os.fspath(directory)  # hashing a string is much cheaper than hashing a Path
        loaded = self._loaded.get(key)
        if loaded is None:
            loaded = self.finder.for_directory(Path(key))
            loaded = self._loaded[key] = self._excluding(self._installed(loaded))
        return loaded

    def _installed(self, loaded: LoadedSettings) -> LoadedSettings:
        """``loaded`` with its house rules and plugins registered (once per configuration)."""
        if not loaded.settings.custom_rules and not loaded.settings.plugins:
            return loaded  # nothing to read: the house-rules machinery is not even imported
        held = self._houses.get(id(loaded))
        if held is None or held[0] is not loaded:
            from newslint.house import install

            held = self._houses[id(loaded)] = (loaded, install(loaded))
        return held[1]

    def _excluding(self, loaded: LoadedSettings) -> LoadedSettings:
        """``loaded`` with the command line's ``--exclude`` and ``--extend-exclude`` applied."""
        opts = self.options
        if opts.exclude is None and not opts.extend_exclude:
            return loaded
        held = self._excluded.get(id(loaded))
        if held is None or held[0] is not loaded:
            exclude = loaded.settings.exclude if opts.exclude is None else list(opts.exclude)
            settings = replace(loaded.settings, exclude=[*exclude, *opts.extend_exclude])
            held = self._excluded[id(loaded)] = (loaded, replace(loaded, settings=settings))
        return held[1]

    def settings_for(self, path: Path | None) -> tuple[LoadedSettings, FileSettings]:
        """The configuration of a file's directory and the file's own settings under it."""
        directory = path.parent if path is not None else Path.cwd()
        loaded = self.loaded_for(directory)
        return loaded, resolve_file_settings(loaded, path)

    def excluded(self, path: Path) -> bool:
        """Whether the configuration excludes the file at ``path``."""
        return is_excluded(path, self.loaded_for(path.parent))

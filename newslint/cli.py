"""The command line: ``main(argv) -> int`` around plain functions, one error boundary."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import click

from newslint import __version__
from newslint.errors import EXIT_CLEAN, EXIT_ERROR, UsageError
from newslint.reporters import FORMATS

SUBCOMMANDS = ("rule", "rules", "schema", "server", "test-rules")


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select A,B --select C`` → ``("A", "B", "C")`` (rule codes, or --exclude's globs)."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _use_color(choice: str, stream: TextIO) -> bool:
    """``--color``, else ``NO_COLOR`` (set, not empty: no colour; no-color.org), else
    ``FORCE_COLOR`` (set, not empty nor 0: colour; force-color.org), else a terminal's."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    return stream.isatty()


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--output-format",
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format (--format is another name for it).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to FILE instead of standard output.",
)
@click.option("--select", multiple=True, help="Rules to run: codes, prefixes (HT), names, ALL.")
@click.option("--extend-select", multiple=True, help="Rules to run in addition to the configured.")
@click.option("--ignore", multiple=True, help="Rules not to run (codes, prefixes or names).")
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOB",
    help="Files not to lint, instead of the configuration's exclude list (globs as there).",
)
@click.option(
    "--extend-exclude",
    multiple=True,
    metavar="GLOB",
    help="Files not to lint, besides the configuration's exclude list.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False),
    help="Use this newslint.toml or pyproject.toml instead of searching upward.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--max-warnings",
    type=click.IntRange(min=0),
    metavar="N",
    help="Exit 1 when there are more than N warnings (0: any warning fails).",
)
@click.option(
    "--exit-non-zero-on-fix",
    is_flag=True,
    help="With --fix, exit 1 when a file was changed, even if nothing is left to report.",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Instead of the findings, print how many each rule made ([*]: --fix fixes some).",
)
@click.option(
    "-q", "--quiet", is_flag=True, help="Print the findings only: no summary, no fixable counts."
)
@click.option(
    "-s",
    "--silent",
    is_flag=True,
    help="Print nothing; the exit status tells the outcome (a report file given with -o is "
    "still written, and '-' with --fix still prints the fixed text).",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report. auto: on a terminal, or when FORCE_COLOR is set; never when "
    "NO_COLOR is set.",
)
@click.option("--stdin-filename", help="The path to report (and to pick settings by) for '-'.")
@click.option("--fix", is_flag=True, help="Apply safe fixes and write the files.")
@click.option(
    "--show-fixes",
    is_flag=True,
    help="After the report, list the fixes by file and rule: those applied with --fix, "
    "else those available.",
)
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes too.")
@click.option(
    "--diff",
    is_flag=True,
    help="Show the fixes as a unified diff; write nothing (even with --fix).",
)
@click.option(
    "--baseline",
    "baseline",
    type=click.Path(dir_okay=False),
    help="Report only findings not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, writable=True),
    help="Record the current findings in FILE (replacing it), then report against it.",
)
@click.option(
    "--changed-since",
    metavar="REV",
    help="Lint only files changed since the merge base with git revision REV, and untracked ones.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=lambda: os.cpu_count() or 1,
    show_default="number of CPUs",
    help="Lint in this many worker processes.",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    default=".",
    show_default=True,
    envvar="NEWSLINT_CACHE_DIR",
    help="Directory in which .newslint_cache/ is kept (or set NEWSLINT_CACHE_DIR).",
)
@click.option(
    "--shard",
    metavar="K/N",
    help="Lint only shard K of N (by a hash of each path); site rules still read every file.",
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(["en", "ko"]),
    help="Language of the messages (default: the site's _config.yml lang for text reports, "
    "then LC_ALL, LC_MESSAGES, LANG; else en).",
)
@click.version_option(__version__, "-V", "--version", prog_name="newslint")
def lint_command(
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    config_path: str | None,
    exit_zero: bool,
    max_warnings: int | None,
    exit_non_zero_on_fix: bool,
    statistics: bool,
    quiet: bool,
    silent: bool,
    color: str,
    stdin_filename: str | None,
    fix: bool,
    show_fixes: bool,
    unsafe_fixes: bool,
    diff: bool,
    baseline: str | None,
    write_baseline: str | None,
    changed_since: str | None,
    jobs: int,
    no_cache: bool,
    cache_dir: str,
    shard: str | None,
    language: str | None,
) -> int:
    """Lint the front matter and HTML of posts in PATHS (default: the current directory).

    Directories are searched for posts (_posts/, _drafts/ and collections of a Jekyll site,
    or every .md, .markdown and .html file outside one); files named here are always linted
    unless excluded. A quoted glob ('_posts/**/*.md') names the files it matches. '-' reads
    standard input. Other commands: 'newslint rules', 'newslint rule CODE',
    'newslint schema export NAME', 'newslint server' (the language server for editors).
    """
    from newslint.commands.lint import LintRequest, run_lint

    request = LintRequest(
        paths=list(paths) or ["."],
        output_format=output_format,
        output=Path(output) if output else None,
        select=_codes(select),
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        config=Path(config_path) if config_path else None,
        exit_zero=exit_zero,
        statistics=statistics,
        quiet=quiet,
        color=_use_color(color, sys.stdout) if output is None else color == "always",
        stdin_filename=stdin_filename,
        fix=fix and not diff,
        diff=diff,
        unsafe_fixes=unsafe_fixes,
        baseline=Path(baseline) if baseline else None,
        write_baseline=Path(write_baseline) if write_baseline else None,
        changed_since=changed_since,
        jobs=jobs,
        cache_dir=None if no_cache else Path(cache_dir),
        shard=shard,
        max_warnings=max_warnings,
        exit_non_zero_on_fix=exit_non_zero_on_fix,
        silent=silent,
        show_fixes=show_fixes,
        exclude=_codes(exclude) if exclude else None,
        extend_exclude=_codes(extend_exclude),
        language=language,
    )
    return run_lint(request)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def tools_group() -> None:
    """Rule documentation, schema export and the language server."""


_CONFIG = click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Configuration whose house rules and plugins to include (default: found from here).",
)


@tools_group.command("rules")
@click.argument("filters", nargs=-1, metavar="[PREFIX-OR-NAME]...")
@click.option(
    "--output-format",
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one line per rule; json: an array of code, name, family, severity, default, "
    "fix and summary.",
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(["en", "ko"]),
    help="Language of the documentation (default: LC_ALL, LC_MESSAGES, LANG; else en).",
)
@_CONFIG
def rules_command(
    filters: tuple[str, ...], output_format: str, language: str | None, config: Path | None
) -> int:
    """List the rules: code, name, default severity, fixability and summary.

    Filters narrow the list: a code prefix (HT, SI0), a family (html) or part of a name (tag).
    House rules and plugins of the configuration found from here are listed after the built-in
    rules.
    """
    from newslint.commands.docs import list_rules
    from newslint.commands.house import configured_house

    configured_house(config)
    return list_rules(sys.stdout, filters, output_format, language)


@tools_group.command("rule")
@click.argument("code")
@click.option(
    "--lang",
    "language",
    type=click.Choice(["en", "ko"]),
    help="Language of the documentation (default: LC_ALL, LC_MESSAGES, LANG; else en).",
)
@_CONFIG
def rule_command(code: str, language: str | None, config: Path | None) -> int:
    """Show the documentation of one rule (by code or name), a house rule's too."""
    from newslint.commands.docs import show_rule
    from newslint.commands.house import configured_house

    configured_house(config)
    return show_rule(code, sys.stdout, language)


@tools_group.command("test-rules")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False), metavar="[RULES-FILE]...")
@_CONFIG
def test_rules_command(files: tuple[str, ...], config: Path | None) -> int:
    """Run the examples of house rules and say which fail (exit 1), for CI and pre-commit.

    With no RULES-FILE, the custom-rules files and plugins of the configuration found from
    here are tested.
    """
    from newslint.commands.house import test_rules

    return test_rules(sys.stdout, files, config)


@tools_group.group("schema")
def schema_group() -> None:
    """Front-matter schemas."""


@schema_group.command("export")
@click.argument("name")
def schema_export_command(name: str) -> int:
    """Print schema NAME (a built-in name or a .yaml path) as JSON Schema, for editors."""
    from newslint.commands.docs import export_schema

    return export_schema(name, sys.stdout)


@schema_group.command("list")
def schema_list_command() -> int:
    """List the built-in schemas and those the configuration here adds (schema-paths)."""
    from newslint.commands.docs import list_schemas

    return list_schemas(sys.stdout)


@tools_group.command("server")
@click.option("--stdio", is_flag=True, help="Speak over standard input and output (the default).")
def server_command(stdio: bool) -> int:
    """Run the language server for editors (LSP over standard input and output)."""
    from newslint.server.app import serve

    serve()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run newslint with ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    command: click.Command = lint_command
    if args and args[0] in SUBCOMMANDS:
        command = tools_group
    try:
        result = command.main(args, prog_name="newslint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR
    except click.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_ERROR
    except UsageError as exc:
        click.echo(f"newslint: error: {exc}", err=True)
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - the one boundary that turns a crash into exit 2
        click.echo(
            f"newslint: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in newslint; please report it with the command you ran.",
            err=True,
        )
        return EXIT_ERROR
    return int(result) if isinstance(result, int) else EXIT_CLEAN


def console_main() -> None:
    """Entry point of the ``newslint`` script."""
    sys.exit(main())

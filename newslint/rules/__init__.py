"""The built-in rules: an explicit code → check table, imported lazily.

A check is ``check(ctx: RuleContext) -> Iterator[Finding]``, or for a site rule
``check(site: SiteView) -> Iterator[SiteFinding]``. Its metadata (name, summary, severity,
examples) lives in the catalogue, ``rules/<CODE>.yaml`` at the top of the repository.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newslint.context import RuleContext
    from newslint.diagnostics import Finding
    from newslint.rules.site.view import SiteFinding, SiteView

Check = Callable[["RuleContext"], Iterator["Finding"]]
"""The check of a file rule (FM, HT): one document."""
SiteCheck = Callable[["SiteView"], Iterator["SiteFinding"]]
"""The check of a site rule (SI): every entry of one site."""

CHECKS: dict[str, str] = {
    "FM001": "newslint.rules.frontmatter.missing_front_matter",
    "FM002": "newslint.rules.frontmatter.unterminated_front_matter",
    "FM003": "newslint.rules.frontmatter.yaml_syntax_error",
    "FM004": "newslint.rules.frontmatter.duplicate_key",
    "FM005": "newslint.rules.frontmatter.non_string_key",
    "FM006": "newslint.rules.frontmatter.tab_indentation",
    "FM007": "newslint.rules.frontmatter.unsafe_yaml_tag",
    "FM008": "newslint.rules.frontmatter.yaml_too_large",
    "FM009": "newslint.rules.frontmatter.front_matter_not_mapping",
    "FM010": "newslint.rules.frontmatter.missing_required_field",
    "FM011": "newslint.rules.frontmatter.wrong_type",
    "FM012": "newslint.rules.frontmatter.value_not_allowed",
    "FM013": "newslint.rules.frontmatter.length_out_of_range",
    "FM014": "newslint.rules.frontmatter.unknown_key",
    "FM015": "newslint.rules.frontmatter.empty_value",
    "FM016": "newslint.rules.frontmatter.markup_in_plain_text",
    "FM017": "newslint.rules.frontmatter.pattern_mismatch",
    "FM018": "newslint.rules.frontmatter.deprecated_key",
    "FM019": "newslint.rules.frontmatter.image_not_found",
    "FM020": "newslint.rules.frontmatter.feature_text_mismatch",
    "HT001": "newslint.rules.html.stray_end_tag",
    "HT002": "newslint.rules.html.unclosed_element",
    "HT003": "newslint.rules.html.misnested_tags",
    "HT004": "newslint.rules.html.duplicate_attribute",
    "HT005": "newslint.rules.html.attribute_syntax",
    "HT006": "newslint.rules.html.unterminated_tag",
    "HT007": "newslint.rules.html.self_closing_non_void",
    "HT008": "newslint.rules.html.unescaped_ampersand",
    "HT009": "newslint.rules.html.character_reference",
    "HT010": "newslint.rules.html.unescaped_less_than",
    "HT011": "newslint.rules.html.comment_syntax",
    "HT012": "newslint.rules.html.document_tag",
    "HT013": "newslint.rules.html.control_character",
    "HT014": "newslint.rules.html.misplaced_content",
    "HT020": "newslint.rules.html.img_alt_missing",
    "HT021": "newslint.rules.html.table_without_headers",
    "HT022": "newslint.rules.html.empty_paragraph",
    "HT023": "newslint.rules.html.obsolete_element",
    "HT024": "newslint.rules.html.obsolete_attribute",
    "HT025": "newslint.rules.html.heading_level_skip",
    "HT026": "newslint.rules.html.multiple_h1",
    "HT027": "newslint.rules.html.duplicate_id",
    "HT028": "newslint.rules.html.editor_residue",
    "HT029": "newslint.rules.html.inline_style",
    "HT030": "newslint.rules.html.unsafe_script",
    "HT031": "newslint.rules.html.embed_host_not_allowed",
    "HT032": "newslint.rules.html.target_blank_noopener",
    "HT033": "newslint.rules.html.insecure_resource",
    "HT034": "newslint.rules.html.local_file_not_found",
    "HT035": "newslint.rules.html.lead_image_mismatch",
    "HT036": "newslint.rules.html.semantic_emphasis",
    "HT037": "newslint.rules.html.unknown_element",
    "HT038": "newslint.rules.html.markup_too_large",
    "HT039": "newslint.rules.html.broken_obsolete_element",
    "SI001": "newslint.rules.site.duplicate_url",
    "SI002": "newslint.rules.site.duplicate_title",
    "SI003": "newslint.rules.site.duplicate_slug",
    "SI004": "newslint.rules.site.date_mismatch",
    "SI005": "newslint.rules.site.future_date",
    "SI006": "newslint.rules.site.not_a_post_name",
    "SI007": "newslint.rules.site.taxonomy_spelling",
    "SI008": "newslint.rules.site.missing_link_target",
    "SI009": "newslint.rules.site.dangling_url",
    "SI010": "newslint.rules.site.empty_post",
    "SI011": "newslint.rules.site.duplicate_excerpt",
    "SI012": "newslint.rules.site.missing_folder",
    "SI013": "newslint.rules.site.taxonomy_case",
    "KO001": "newslint.rules.korean.emphasis_not_rendered",
    "KO002": "newslint.rules.korean.decomposed_hangul",
    "KO003": "newslint.rules.korean.invisible_character",
    "KO004": "newslint.rules.korean.replacement_character",
    "KO005": "newslint.rules.korean.fullwidth_alphanumeric",
    "KO006": "newslint.rules.korean.unpaired_quote",
    "KO007": "newslint.rules.korean.headline_final_period",
    "KO008": "newslint.rules.korean.date_style_mixed",
    "KO009": "newslint.rules.korean.ordinal_spacing",
    "KO010": "newslint.rules.site.punctuation_style_mixed",
    "KO011": "newslint.rules.korean.empty_section",
    "KO012": "newslint.rules.korean.placeholder_text",
    "KO013": "newslint.rules.korean.alternative_titles",
    "KO014": "newslint.rules.korean.repeated_feature_heading",
    "KO015": "newslint.rules.site.repeated_block",
}
_SITE_RULES = "newslint.rules.site."
_ADDED: dict[str, Check] = {}
"""Checks of file rules registered at run time (house rules, plugins), keyed by code."""


def add_checks(checks: dict[str, Check]) -> None:
    """Register the checks of rules that are not built in (their docs go to the catalogue)."""
    _ADDED.update(checks)


def remove_checks(codes: list[str]) -> None:
    """Forget registered checks."""
    for code in codes:
        _ADDED.pop(code, None)


class UnknownRule(KeyError):
    """Raised for a code that no rule has."""


@functools.cache
def _imported(code: str) -> Any:
    """The ``check`` of the module ``CHECKS`` names for ``code``, imported on first use."""
    try:
        module_name = CHECKS[code]
    except KeyError:
        raise UnknownRule(f'no such rule: "{code}"') from None
    return importlib.import_module(module_name).check


def get_check(code: str) -> Check:
    """The check of file rule ``code``; fails with ``no such rule`` for unknown codes, and for
    site rules, whose checks take a site (``get_site_check``)."""
    added = _ADDED.get(code)
    if added is not None:
        return added
    if CHECKS.get(code, "").startswith(_SITE_RULES):
        raise UnknownRule(f'"{code}" is a site rule: its check takes a site (get_site_check)')
    check: Check = _imported(code)
    return check


def get_site_check(code: str) -> SiteCheck:
    """The check of site rule ``code``, from the same table; fails as ``get_check`` does for
    unknown codes and file rules."""
    if not CHECKS.get(code, _SITE_RULES).startswith(_SITE_RULES):
        raise UnknownRule(f'"{code}" is a file rule: its check takes a document (get_check)')
    check: SiteCheck = _imported(code)
    return check

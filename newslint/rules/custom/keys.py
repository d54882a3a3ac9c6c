"""How a house rule's YAML keys name its fields: kebab-case (``ignore-case``), and a field
named after a Python keyword takes a trailing underscore (``if_`` for ``if``)."""

from __future__ import annotations


def yaml_key(name: str) -> str:
    """The YAML key of a field."""
    return name.rstrip("_").replace("_", "-")


SHAPE: dict[str, object] = {
    "extra": "forbid",
    "alias_generator": yaml_key,
    "populate_by_name": True,
}
"""The pydantic configuration of every dataclass a rules file is read into."""

"""newslint's version, in a module of its own that any other may import.

It must equal ``version`` in ``pyproject.toml`` (``tests/test_version.py`` checks).
"""

__version__ = "0.1.0"

"""What the commands produce, written the house's way: JSON text as every report writes it, nouns
counted in English, and files replaced whole or not at all.

The command line takes these from here rather than from the private modules that keep them.
"""

from __future__ import annotations

from ._files import write_atomically
from ._text import counted, json_text

__all__ = ["counted", "json_text", "write_atomically"]

"""User rules: ``--rules FILE`` (TOML) adds chrome patterns for a site the defaults miss,
or protects lines the defaults would drop.  Rule files are data, never code.

    # my-site.toml
    [drop]                      # lines matching these are chrome
    phrases = ["Read the full story on Example News"]
    patterns = ['^Sponsored by \\w+']

    [keep]                      # lines matching these are always article text
    patterns = ['^Q: ', '^A: ']

Phrases match whole lines after case-folding and trimming of punctuation (as the built-in
tables do); patterns are Python regular expressions searched in each line, limited in
length and checked when the file is read.  ``keep`` wins over ``drop``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .patterns import line_key

MAX_PATTERN = 500  # characters
MAX_RULES = 10_000
# Constructs that make a pattern's run time explode on long lines: a quantified group that
# itself holds an unbounded quantifier, e.g. (a+)+ or (\w*)*.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)\s*[+*{]")


class RulesError(ValueError):
    """A rule file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class UserRules:
    drop_phrases: frozenset[str] = frozenset()
    keep_phrases: frozenset[str] = frozenset()
    drop_patterns: tuple[re.Pattern[str], ...] = ()
    keep_patterns: tuple[re.Pattern[str], ...] = ()
    source: str = field(default="", compare=False)

    def __bool__(self) -> bool:
        return bool(self.drop_phrases or self.keep_phrases or self.drop_patterns
                    or self.keep_patterns)

    def merge(self, other: UserRules) -> UserRules:
        """These rules and ``other``'s together."""
        return UserRules(self.drop_phrases | other.drop_phrases,
                         self.keep_phrases | other.keep_phrases,
                         self.drop_patterns + other.drop_patterns,
                         self.keep_patterns + other.keep_patterns,
                         ", ".join(s for s in (self.source, other.source) if s))

    def decide(self, texts: Sequence[str]) -> list[bool | None]:
        """True (keep), False (drop) or None (no rule) per line."""
        out: list[bool | None] = []
        for t in texts:
            key = line_key(t)
            if key in self.keep_phrases or any(p.search(t) for p in self.keep_patterns):
                out.append(True)
            elif key in self.drop_phrases or any(p.search(t) for p in self.drop_patterns):
                out.append(False)
            else:
                out.append(None)
        return out


def _compile(path: str, section: str, patterns: object) -> tuple[re.Pattern[str], ...]:
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise RulesError(f"{path}: [{section}] patterns must be a list of strings")
    out = []
    for p in patterns:
        if len(p) > MAX_PATTERN:
            raise RulesError(f"{path}: [{section}] pattern longer than {MAX_PATTERN} characters")
        if _NESTED_QUANTIFIER.search(p):
            raise RulesError(f"{path}: [{section}] pattern {p!r} nests quantifiers "
                             "(catastrophic backtracking); rewrite it without (x+)+")
        try:
            out.append(re.compile(p, re.IGNORECASE))
        except re.error as e:
            raise RulesError(f"{path}: [{section}] bad pattern {p!r}: {e}") from None
    return tuple(out)


def _phrases(path: str, section: str, phrases: object) -> frozenset[str]:
    if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
        raise RulesError(f"{path}: [{section}] phrases must be a list of strings")
    return frozenset(line_key(p) for p in phrases if line_key(p))


def load_rules(path: str | Path) -> UserRules:
    """Read and check a TOML rule file."""
    p = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        raise RulesError(f"{p}: cannot read: {e.strerror or e}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise RulesError(f"{p}: not valid TOML: {e}") from None
    unknown = set(data) - {"drop", "keep"}
    if unknown:
        raise RulesError(f"{p}: unknown section(s) {sorted(unknown)}; use [drop] and [keep]")
    sections = {}
    for name in ("drop", "keep"):
        sec = data.get(name, {})
        if not isinstance(sec, dict) or set(sec) - {"phrases", "patterns"}:
            raise RulesError(f"{p}: [{name}] takes only 'phrases' and 'patterns'")
        sections[name] = (_phrases(p, name, sec.get("phrases", [])),
                          _compile(p, name, sec.get("patterns", [])))
    total = sum(len(a) + len(b) for a, b in sections.values())
    if total > MAX_RULES:
        raise RulesError(f"{p}: more than {MAX_RULES} rules")
    return UserRules(sections["drop"][0], sections["keep"][0], sections["drop"][1],
                     sections["keep"][1], source=p)

"""User rules: ``--rules FILE`` (TOML) adds chrome patterns for a site the defaults miss,
or protects lines the defaults would drop.  Rule files are data, never code.

    # my-site.toml
    [drop]                      # lines matching these are chrome
    phrases = ["Read the full story on Example News"]
    patterns = ['^Sponsored by \\w+']

    [keep]                      # lines matching these are always article text
    patterns = ['^Q: ', '^A: ']

Phrases match whole lines after case-folding and trimming of punctuation (as the built-in
tables do); patterns are regular expressions searched in each line (case-insensitive) and
``keep`` wins over ``drop``.  This module reads and checks the file; the core applies the
rules (``UserRules.core_parts``, ``core/src/rules.rs``).

Patterns are checked when the file is read, because Python's regular expressions backtrack
and one careless pattern could stall a run on a long line:

* at most ``MAX_PATTERN`` characters and ``MAX_RULES`` rules;
* no shape that makes matching time exponential: a quantifier over a part that is itself
  repeated, when either is unbounded or their bounds multiply past ``MAX_NESTED_REPEATS`` —
  ``(a+)+``, ``(\\w*\\s?)*``, ``(?:x{1,50}){1,50}``; under an unbounded quantifier (or one
  above ``MAX_FREE_REPEAT``), a part whose length varies, unless it is alternatives that
  start with different characters — ``(a?a?)+`` and ``(a|ab)+`` are refused, ``(?:foo|ba)+``
  is fine; a repeated part that can match nothing — ``(a?){30}``;
* no run of two unbounded quantifiers that can take the same characters followed by
  something that can fail — ``.*.*x``, ``.*x.*y``, ``\\w+\\w+:`` (their cost grows with a
  power of the line length); ``.*cookies.*`` and ``\\w+\\s\\w+`` are fine;
* no pattern that matches every line (``"|Sponsored"``, whose empty alternative matches
  anything, would drop or keep whole pages).

Patterns are tried only on lines of at most ``MAX_RULE_LINE`` characters (phrases on every
line): chrome lines are short, and the bound keeps the polynomial cost of patterns such as
``.*.*x`` small.  Longer lines are left to the model.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from . import _core
from ._core import line_key

_sre: Any
_sre_parse: Any
try:  # the regular-expression parser of the standard library (private, stable since 3.11)
    _sre = importlib.import_module("re._constants")
    _sre_parse = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - a future Python without it: fall back to a regex
    _sre = _sre_parse = None

MAX_PATTERN = 500  # characters
MAX_RULES = 10_000
MAX_RULE_LINE: int = _core.MAX_RULE_LINE  # longer lines are not tried against user patterns
MAX_NESTED_REPEATS = 1000  # product of the bounds of nested quantifiers
MAX_FREE_REPEAT = 10  # above this bound a repeated part must have a fixed length
# The fallback check: a quantified group that holds an unbounded quantifier, e.g. (a+)+.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)\s*[+*{]")
# Lines any pattern that matches "everything" matches: the empty line, a word, prose.
_ANY_LINES = ("", "x", "An ordinary sentence of article text, with 3 numbers and punctuation.")


class RulesError(ValueError):
    """A rule file that cannot be used; the message names the file and the problem."""


class DropClass(NamedTuple):
    """The drop rules of one class: ``[drop]`` (class "user") or ``[drop.CLASS]``."""

    name: str
    phrases: frozenset[str] = frozenset()
    patterns: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class UserRules:
    drop_phrases: frozenset[str] = frozenset()
    keep_phrases: frozenset[str] = frozenset()
    drop_patterns: tuple[re.Pattern[str], ...] = ()
    keep_patterns: tuple[re.Pattern[str], ...] = ()
    source: str = field(default="", compare=False)
    classes: tuple[DropClass, ...] = ()  # [drop.CLASS] sections

    def __bool__(self) -> bool:
        return bool(self.drop_phrases or self.keep_phrases or self.drop_patterns
                    or self.keep_patterns or self.classes)

    def merge(self, other: UserRules) -> UserRules:
        """These rules and ``other``'s together."""
        return UserRules(self.drop_phrases | other.drop_phrases,
                         self.keep_phrases | other.keep_phrases,
                         self.drop_patterns + other.drop_patterns,
                         self.keep_patterns + other.keep_patterns,
                         ", ".join(s for s in (self.source, other.source) if s),
                         self.classes + other.classes)

    def core_parts(self) -> tuple[list[str], list[str], list[tuple[str, list[str], list[str]]]]:
        """The rules as the core takes them: keep phrases, keep patterns, and the drop
        classes in order ([drop] first, as "user") with their phrases and patterns."""
        return (sorted(self.keep_phrases), [p.pattern for p in self.keep_patterns],
                [(c.name, sorted(c.phrases), [p.pattern for p in c.patterns])
                 for c in self._drops()])

    def _drops(self) -> tuple[DropClass, ...]:
        return (DropClass("user", self.drop_phrases, self.drop_patterns), *self.classes)


def check_pattern(pattern: str | bytes) -> None:
    """Raise ``ValueError`` (saying why) for a pattern whose matching time can explode:
    nested quantifiers or overlapping alternatives under an unbounded quantifier (see the
    module docstring).  Also used for ``--doc-separator``.

    >>> check_pattern(r"^Sponsored by \\w+")
    >>> check_pattern(r"(?:\\d{1,3}\\.){3}\\d{1,3}")
    >>> check_pattern(r"(\\w+\\s?)+$")
    Traceback (most recent call last):
    ...
    ValueError: nests quantifiers (catastrophic backtracking); rewrite it without (x+)+
    >>> check_pattern(r"(?:a|ab)+c")
    Traceback (most recent call last):
    ...
    ValueError: repeats a part of varying length (catastrophic backtracking)
    >>> check_pattern(r".*x.*y")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: has unbounded quantifiers that can take the same text, then more ...
    """
    if _sre_parse is None:  # pragma: no cover
        text = pattern.decode("latin-1") if isinstance(pattern, bytes) else pattern
        if _NESTED_QUANTIFIER.search(text):
            raise ValueError("nests quantifiers (catastrophic backtracking); rewrite it "
                             "without (x+)+")
        return
    parsed = _sre_parse.parse(pattern, re.IGNORECASE)
    _check_items(parsed, 1)
    _check_runs(parsed)


_REPEATS = () if _sre is None else (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)


def _check_items(items: Any, outer: int) -> None:
    """Walk a parsed pattern; ``outer`` is the product of the upper bounds of the
    quantifiers around ``items`` (``MAXREPEAT`` counts as unbounded)."""
    assert _sre is not None
    unbounded = int(_sre.MAXREPEAT)
    for op, av in items:
        if op in _REPEATS:
            _low, high, sub = av
            high = unbounded if high == _sre.MAXREPEAT else int(high)
            if high > 1 and outer > 1 and (high == unbounded or outer >= unbounded
                                           or high * outer > MAX_NESTED_REPEATS):
                raise ValueError("nests quantifiers (catastrophic backtracking); rewrite it "
                                 "without (x+)+")
            inner = outer if high <= 1 else min(unbounded, outer * high)
            _check_items(sub, inner)  # nested quantifiers first: the clearer message
            if high > 1 and op != _sre.POSSESSIVE_REPEAT:
                least, most = sub.getwidth()
                if least == 0:
                    raise ValueError("repeats a part that can match nothing "
                                     "(catastrophic backtracking)")
                if (high > MAX_FREE_REPEAT and least != most
                        and not _distinct_alternatives(sub)):
                    raise ValueError("repeats a part of varying length "
                                     "(catastrophic backtracking)")
                if high > MAX_FREE_REPEAT and _ambiguous_branch(sub):
                    raise ValueError("repeats alternatives that can match the same text "
                                     "(catastrophic backtracking)")
        elif op == _sre.SUBPATTERN:
            _check_items(av[-1], outer)
        elif op == _sre.BRANCH:
            for alternative in av[1]:
                _check_items(alternative, outer)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            _check_items(av[1], outer)
        elif op == _sre.ATOMIC_GROUP:
            _check_items(av, outer)
        elif op == _sre.GROUPREF_EXISTS:
            for branch in av[1:]:
                if branch is not None:
                    _check_items(branch, outer)


@lru_cache(maxsize=1)
def _probes() -> frozenset[str]:
    """Characters that stand for the classes a pattern can match, to tell whether two parts
    of a pattern can take the same character (built on first use: a run without rules or
    --doc-separator never imports ``string``)."""
    import string
    return frozenset(string.printable + "éÉßøΩжЖ日本\u00a0\u2028\u3000–—’“…•©€")


_SURE_ANCHORS = () if _sre is None else (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING,
                                          _sre.AT_END, _sre.AT_END_STRING)
_RUN_ERROR = ("has unbounded quantifiers that can take the same text, then more (like .*.*x: "
              "backtracking grows with a power of the line length)")


def _check_runs(items: Any) -> None:
    """Refuse two unbounded quantifiers that can take the same characters, with nothing
    between them that they could not take too, when anything that can fail follows: every
    way of sharing the text between them is tried before the match fails."""
    assert _sre is not None
    seq = list(_flatten(items))
    taken: frozenset[str] | None = None  # what the open run of unbounded parts can take
    shared = False  # the run holds two unbounded parts that can take the same characters
    for op, av in seq:
        if op == _sre.AT and av in _SURE_ANCHORS:
            continue  # cannot fail after an unbounded part: it takes the text up to there
        chars = _chars([(op, av)])
        if _unbounded((op, av)):
            if taken is not None and taken & chars:
                shared, taken = True, taken | chars
            else:  # where one ends and the other starts is clear: a new run
                taken, shared = chars, False
            continue
        optional = op in _REPEATS and av[0] == 0
        if shared and not optional:
            raise ValueError(_RUN_ERROR)
        if taken is not None and not chars <= taken and not optional:
            taken, shared = None, False  # a part the run cannot take ends the run
    for op, av in seq:  # and inside every part
        if op in _REPEATS:
            _check_runs(av[2])
        elif op == _sre.BRANCH:
            for alternative in av[1]:
                _check_runs(alternative)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            _check_runs(av[1])
        elif op == _sre.ATOMIC_GROUP:
            _check_runs(av)


def _flatten(items: Any) -> Any:
    """The parts of a sequence, with plain groups opened: ``(a+)b`` is ``a+`` then ``b``."""
    assert _sre is not None
    for op, av in items:
        if op == _sre.SUBPATTERN:
            yield from _flatten(av[-1])
        else:
            yield op, av


def _unbounded(item: Any) -> bool:
    """Can this part take any number of characters?"""
    assert _sre is not None
    op, av = item
    if op in _REPEATS:
        return av[1] == _sre.MAXREPEAT or any(_unbounded(i) for i in av[2])
    if op == _sre.SUBPATTERN:
        return any(_unbounded(i) for i in av[-1])
    if op == _sre.BRANCH:
        return any(_unbounded(i) for alt in av[1] for i in alt)
    if op == _sre.ATOMIC_GROUP:
        return any(_unbounded(i) for i in av)
    return op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS)


def _chars(items: Any) -> frozenset[str]:
    """The probe characters the parts can take (all of them when unsure)."""
    assert _sre is not None
    out: set[str] = set()
    for op, av in items:
        if op == _sre.LITERAL:
            c = chr(av)
            out |= {c, c.lower(), c.upper()}
        elif op == _sre.NOT_LITERAL:
            out |= _probes() - {chr(av)}
        elif op == _sre.ANY:
            out |= _probes() - {"\n"}
        elif op == _sre.IN:
            out |= {c for c in _probes() if _in_set(av, c)}
        elif op in _REPEATS:
            out |= _chars(av[2])
        elif op == _sre.SUBPATTERN:
            out |= _chars(av[-1])
        elif op == _sre.BRANCH:
            for alternative in av[1]:
                out |= _chars(alternative)
        elif op == _sre.ATOMIC_GROUP:
            out |= _chars(av)
        elif op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue
        else:  # back references and whatever else: anything
            out |= _probes()
    return frozenset(out)


def _in_set(items: Any, c: str) -> bool:
    """Does the character class ``[...]`` (parsed) take ``c``?"""
    assert _sre is not None
    negate, found = False, False
    for op, av in items:
        if op == _sre.NEGATE:
            negate = True
        elif op == _sre.LITERAL:
            found |= c.lower() == chr(av).lower()
        elif op == _sre.RANGE:
            found |= any(av[0] <= ord(x) <= av[1]
                         for x in {c, c.lower(), c.upper()} if len(x) == 1)
        elif op == _sre.CATEGORY:
            found |= _CATEGORIES.get(str(av), lambda ch: True)(c)
        else:
            found = True
    return found != negate


_CATEGORIES = {
    "CATEGORY_DIGIT": str.isdecimal,
    "CATEGORY_NOT_DIGIT": lambda c: not c.isdecimal(),
    "CATEGORY_SPACE": str.isspace,
    "CATEGORY_NOT_SPACE": lambda c: not c.isspace(),
    "CATEGORY_WORD": lambda c: c.isalnum() or c == "_",
    "CATEGORY_NOT_WORD": lambda c: not (c.isalnum() or c == "_"),
}


def _ambiguous_branch(items: Any) -> bool:
    """Does ``items`` hold a choice whose alternatives do not start with distinct literal
    characters (``(a|a)``, ``(x|)``)?  Under a quantifier each one doubles the ways."""
    assert _sre is not None
    for op, av in items:
        if op == _sre.BRANCH:
            if not _distinct_alternatives([(op, av)]) or any(
                    _ambiguous_branch(alt) for alt in av[1]):
                return True
        elif ((op == _sre.SUBPATTERN and _ambiguous_branch(av[-1]))
              or (op in _REPEATS and _ambiguous_branch(av[2]))):
            return True
    return False


def _distinct_alternatives(sub: Any) -> bool:
    """True when ``sub`` is a choice of alternatives whose leading literal characters
    differ (case-folded) before either runs out: ``foo|ba`` and ``Foo|far`` under a
    quantifier can be split only one way; ``a|ab``, ``x|`` and ``\\w|x`` can be split many."""
    assert _sre is not None
    items = list(sub)
    while len(items) == 1 and items[0][0] == _sre.SUBPATTERN:
        items = list(items[0][1][-1])
    if len(items) != 1 or items[0][0] != _sre.BRANCH:
        return False
    prefixes = []
    for alternative in items[0][1][1]:
        prefix = ""
        for op, av in alternative:
            if op != _sre.LITERAL:
                break
            prefix += chr(av).casefold()
        prefixes.append(prefix)
    return all(any(x != y for x, y in zip(a, b, strict=True))
               for i, a in enumerate(prefixes) for b in prefixes[i + 1:])


def _compile(path: str, section: str, patterns: object) -> tuple[re.Pattern[str], ...]:
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise RulesError(f"{path}: [{section}] patterns must be a list of strings")
    out = []
    for p in patterns:
        if len(p) > MAX_PATTERN:
            raise RulesError(f"{path}: [{section}] pattern longer than {MAX_PATTERN} characters")
        try:
            compiled = re.compile(p, re.IGNORECASE)
        except (re.error, RecursionError, OverflowError, ValueError) as e:
            raise RulesError(f"{path}: [{section}] bad pattern {p!r}: {e}") from None
        try:
            check_pattern(p)
        except ValueError as e:
            raise RulesError(f"{path}: [{section}] pattern {p!r} {e}") from None
        try:
            _core_check(p)
        except ValueError as e:
            raise RulesError(f"{path}: [{section}] pattern {p!r} cannot be used: {e} (no "
                             "look-around or back-references)") from None
        if all(compiled.search(line) for line in _ANY_LINES):
            raise RulesError(f"{path}: [{section}] pattern {p!r} matches every line "
                             "(an empty alternative?)")
        out.append(compiled)
    return tuple(out)


def _core_check(pattern: str) -> None:
    from .engine import check_pattern as core_check
    core_check(pattern)


def _phrases(path: str, section: str, phrases: object) -> frozenset[str]:
    if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
        raise RulesError(f"{path}: [{section}] phrases must be a list of strings")
    return frozenset(line_key(p) for p in phrases if line_key(p))


def load_rules(path: str | Path) -> UserRules:
    """Read and check a TOML rule file."""
    import tomllib  # only runs with a rule file pay for the TOML parser's import

    p = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        raise RulesError(f"{p}: cannot read: {e.strerror or e}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise RulesError(f"{p}: not valid TOML: {e}") from None
    unknown = set(data) - {"drop", "keep"}
    if unknown:
        raise RulesError(f"{p}: unknown section(s) {sorted(unknown)}; use [drop], "
                         "[drop.CLASS] and [keep]")
    sections = {}
    classes = []
    for name in ("drop", "keep"):
        sec = data.get(name, {})
        if not isinstance(sec, dict):
            raise RulesError(f"{p}: [{name}] takes only 'phrases' and 'patterns'")
        own = {k: v for k, v in sec.items() if not isinstance(v, dict)}
        subs = {k: v for k, v in sec.items() if isinstance(v, dict)}
        if set(own) - {"phrases", "patterns"} or (subs and name == "keep"):
            raise RulesError(f"{p}: [{name}] takes only 'phrases' and 'patterns'")
        sections[name] = (_phrases(p, name, own.get("phrases", [])),
                          _compile(p, name, own.get("patterns", [])))
        for cls, table in sorted(subs.items()):
            where = f"{name}.{cls}"
            if not re.fullmatch(r"[a-z][a-z0-9-]{0,30}", cls):
                raise RulesError(f"{p}: [{where}]: a class name is lower-case letters, digits "
                                 "and dashes")
            if set(table) - {"phrases", "patterns"}:
                raise RulesError(f"{p}: [{where}] takes only 'phrases' and 'patterns'")
            classes.append(DropClass(cls, _phrases(p, where, table.get("phrases", [])),
                                     _compile(p, where, table.get("patterns", []))))
    total = (sum(len(a) + len(b) for a, b in sections.values())
             + sum(len(c.phrases) + len(c.patterns) for c in classes))
    if total > MAX_RULES:
        raise RulesError(f"{p}: more than {MAX_RULES} rules")
    return UserRules(sections["drop"][0], sections["keep"][0], sections["drop"][1],
                     sections["keep"][1], source=p, classes=tuple(classes))

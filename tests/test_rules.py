"""User rule files (``--rules``) end to end: ``[drop]``, ``[drop.CLASS]`` and ``[keep]`` change
what ``clean`` keeps, and ``explain`` names the class and the rule that decided."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsconv import _core
from newsconv.cli import main
from newsconv.engine import build_engine
from newsconv.rules import RulesError, load_rules
from tests.paths import ROOT

EXAMPLE = ROOT / "examples" / "harbour-ferry.txt"
BODY_LINE = "Fares stay at 2.50 for adults and 1.20 for children"  # a body paragraph's start
HEADING = "What changes for passengers"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def rules_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_without_rules_the_example_keeps_the_lines_the_rules_below_act_on() -> None:
    code, out = run("clean", str(EXAMPLE))
    assert code == 0
    assert BODY_LINE in out and HEADING in out and "Related stories" not in out


def test_a_class_section_drops_its_lines_and_explain_names_the_class(tmp_path: Path) -> None:
    rules = rules_file(tmp_path, "[drop.fares]\npatterns = ['^Fares stay at']\n"
                                 "[drop.subheads]\nphrases = ['what changes for passengers']\n")
    code, out = run("clean", "--rules", rules, str(EXAMPLE))
    assert code == 0
    assert BODY_LINE not in out and HEADING not in out
    assert "Cyclists will have a marked area" in out  # the rest of the body stays
    code, out = run("explain", "--no-color", "--rules", rules, str(EXAMPLE))
    assert code == 0
    fares = next(line for line in out.splitlines() if "Fares stay at" in line)
    assert "DROP" in fares and "user rule [fares]: pattern '^Fares stay at'" in fares
    heading = next(line for line in out.splitlines() if HEADING in line)
    assert "DROP" in heading and "user rule [subheads]: phrase 'what" in heading  # cut to fit


def test_plain_drop_section_is_class_user_and_keep_wins(tmp_path: Path) -> None:
    rules = rules_file(tmp_path, "[drop]\npatterns = ['^Fares']\n"
                                 "[drop.money]\npatterns = ['adults']\n"
                                 "[keep]\nphrases = ['related stories']\n")
    code, out = run("explain", "--no-color", "--rules", rules, str(EXAMPLE))
    assert code == 0
    fares = next(line for line in out.splitlines() if "Fares stay at" in line)
    assert "user rule [user]: pattern '^Fares'" in fares  # the first matching class decides
    related = next(line for line in out.splitlines() if line.rstrip().endswith("Related stories"))
    assert "KEEP" in related and "user rule [keep]" in related


def test_reasons_per_line(tmp_path: Path) -> None:
    """The rules as the core applies them: keep wins, the first matching drop class names
    the reason, phrases compare line keys, patterns are searched case-insensitively."""
    rules = load_rules(rules_file(tmp_path, "[drop]\npatterns = ['^sponsored']\n"
                                            "[drop.promo]\nphrases = ['Buy now!']\n"
                                            "patterns = ['sponsored by']\n"
                                            "[keep]\npatterns = ['^Q: ']\n"))
    texts = ["BUY NOW", "Q: buy now?", "An ordinary sentence.", "Sponsored by Acme",
             "Content sponsored by Acme"]
    assert _core.rule_reasons(texts, *rules.core_parts()) == [
        "user rule [promo]: phrase 'buy now'", "keep", None,
        "user rule [user]: pattern '^sponsored'", "user rule [promo]: pattern 'sponsored by'"]


def test_the_engine_applies_the_rules_to_a_page(tmp_path: Path) -> None:
    """Through the core's whole pipeline: a dropped line is labelled user-drop with its
    reason, a kept line is article text even where the model would drop it."""
    rules = load_rules(rules_file(tmp_path, "[drop.promo]\nphrases = ['Buy now!']\n"
                                            "[keep]\nphrases = ['related stories']\n"))
    text = EXAMPLE.read_text(encoding="utf-8").replace("Share\n", "Buy now!\n", 1)
    blocks, verdicts, _, _ = build_engine(None, rules).analyse(text, "t")
    by_text = {b[0]: v for b, v in zip(blocks, verdicts, strict=True)}
    assert by_text["Buy now!"][:3] == (False, "user-drop", "user rule [promo]: phrase 'buy now'")
    assert by_text["Related stories"][0] is True
    _, plain, _, _ = build_engine(None, None).analyse(text, "t")
    assert dict(zip([b[0] for b in blocks], plain, strict=True))["Related stories"][0] is False


@pytest.mark.parametrize(("content", "message"), [
    ("[drop.Promo]\nphrases = ['x']\n", "a class name is lower-case"),
    ("[drop.promo]\nwords = ['x']\n", "[drop.promo] takes only 'phrases' and 'patterns'"),
    ("[keep.promo]\nphrases = ['x']\n", "[keep] takes only 'phrases' and 'patterns'"),
    ("[drop.promo]\npatterns = ['(a+)+$']\n", "[drop.promo]"),
])
def test_bad_class_sections_are_refused(content: str, message: str, tmp_path: Path) -> None:
    with pytest.raises(RulesError) as info:
        load_rules(rules_file(tmp_path, content))
    assert message in str(info.value)

"""Hypothesis strategies for news pages as crawlers dump them: site chrome around a
headline, a byline, a date, paragraphs, subheadings and captions.  Every word here is
written for these tests (no corpus text), so the repository can hold what they generate.
"""

from __future__ import annotations

from hypothesis import strategies as st

SITE_NAMES = ("The Fenmoor Courier", "Ashby Evening Post", "Lakeland Ledger", "Riverside Echo",
              "Northgate Times")
CHROME = (
    "Home", "Menu", "Skip to content", "News", "Sport", "Weather", "Search", "Share",
    "Facebook", "Twitter", "Email", "Print", "Leave a Reply", "Post Comment", "Related stories",
    "Advertisement", "Subscribe to our newsletter", "Sign up for our daily newsletter",
    "Privacy Policy", "Terms of Use", "Tags: council, budget, transport", "4 Comments",
    "Your email address will not be published. Required fields are marked *",
    "Save my name, email, and website in this browser for the next time I comment.",
    "© 2024 Fenmoor Media Ltd. All rights reserved.", "Home > News > Local", "Next article",
    "Previous article", "Read more", "View 12 photos", "Post 5521", "Follow us on Twitter",
    "This website uses cookies to improve your experience.", "Accept all cookies",
    "Loading...", "Back to top", "Most read", "Image 1 of 9", "3 min read",
)
FIRST_NAMES = ("Ada", "Bram", "Cleo", "Dag", "Edda", "Femi", "Greta", "Hugo", "Ines", "Jonas")
LAST_NAMES = ("Marr", "Fenwick", "Tuller", "Okafor", "Lindqvist", "Pellew", "Vos", "Erle")
SUBJECTS = ("The council", "The mayor", "Local traders", "A spokesperson for the operator",
            "Residents of the old quarter", "The regional health board", "Volunteers",
            "The school's head teacher", "Engineers", "The harbour master", "Two cyclists",
            "The museum", "Farmers in the valley")
VERBS = ("said on Tuesday that", "warned that", "confirmed that", "announced that",
         "told reporters that", "argued that", "agreed that", "expect that")
CLAUSES = ("the new bridge would open before the winter", "the budget for road repairs had "
           "doubled", "the night bus would keep running for another year", "the flood "
           "defences held during the storm", "the library would extend its opening hours",
           "rents in the centre had risen by a tenth", "the ferry timetable would change in "
           "October", "the orchard harvest was the best in a decade", "the market square "
           "would be closed to cars on Sundays", "the tram line needed new rails",
           "fewer tourists came in the spring than last year", "the water tests came back clean")
ENDINGS = (".", ".", ".", "!", "?", ".”", "…")
HEADLINE_WORDS = ("Council", "backs", "new", "bridge", "plan", "after", "long", "debate",
                  "Harbour", "ferry", "returns", "Storm", "closes", "coast", "road", "Market",
                  "square", "goes", "car-free", "Library", "hours", "extended", "Tram",
                  "rails", "replaced", "Orchard", "harvest", "breaks", "record")


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """One sentence of article prose."""
    quote = draw(st.booleans())
    s = f"{draw(st.sampled_from(SUBJECTS))} {draw(st.sampled_from(VERBS))} " \
        f"{draw(st.sampled_from(CLAUSES))}{draw(st.sampled_from(ENDINGS))}"
    return f"“{s}”" if quote and not s.endswith("”") else s


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    return " ".join(draw(st.lists(sentences(), min_size=1, max_size=4)))


@st.composite
def headlines(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(HEADLINE_WORDS), min_size=3, max_size=10))
    return " ".join([words[0].capitalize(), *words[1:]])


@st.composite
def names(draw: st.DrawFn) -> str:
    return f"{draw(st.sampled_from(FIRST_NAMES))} {draw(st.sampled_from(LAST_NAMES))}"


@st.composite
def pages(draw: st.DrawFn) -> str:
    """A page: chrome, a headline (also in the page title), maybe a dek, byline and date,
    paragraphs with subheadings and captions, chrome."""
    title = draw(headlines())
    site = draw(st.sampled_from(SITE_NAMES))
    lines = [f"{title} | {site}"]
    lines += draw(st.lists(st.sampled_from(CHROME), max_size=8))
    lines.append(title)
    if draw(st.booleans()):
        lines.append(draw(sentences()))
    if draw(st.booleans()):
        lines.append(f"By {draw(names())}")
    if draw(st.booleans()):
        day, minute = draw(st.integers(1, 28)), draw(st.integers(10, 59))
        lines.append(f"Published March {day}, 2024 at 9:{minute} am")
    lines += draw(st.lists(st.sampled_from(CHROME), max_size=3))
    for _ in range(draw(st.integers(1, 9))):
        kind = draw(st.sampled_from(["p", "p", "p", "p", "h", "c", "chrome"]))
        if kind == "p":
            lines.append(draw(paragraphs()))
        elif kind == "h":
            heading = draw(headlines())
            lines.append(f"– {heading} –" if draw(st.booleans()) else heading)
        elif kind == "c":
            lines.append(f"{draw(sentences())[:-1]}. (Courier Photo/{draw(names())})")
        else:
            lines.append(draw(st.sampled_from(CHROME)))
    lines += draw(st.lists(st.sampled_from(CHROME), max_size=10))
    blank = draw(st.sampled_from(["\n", "\n\n"]))
    return blank.join(lines) + "\n"


@st.composite
def dumps(draw: st.DrawFn, max_pages: int = 6) -> str:
    """Several pages separated by form-feed lines, as ``newsconv clean`` reads them."""
    return "\f\n".join(draw(st.lists(pages(), min_size=1, max_size=max_pages)))


# Text that may hold anything a decoder can produce, and more: controls, lone surrogates,
# exotic line breaks and spaces, bidi marks, combining marks.
_PIECES = ("\n", "\r", "\r\n", "\u2028", "\x0c", "\x00", "\t", " ", "\u00a0", "\u200b",
           "\ufeff", "\ud800", "a", "By ", "Home", "|", ">", "©", "(AP Photo/X Y)", "Ã©",
           "â€™", "日", ".", "–", "1", ":", "\u0301", "\u202e", "Share", "Ada Marr")
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=400) | st.lists(
    st.sampled_from(_PIECES), max_size=120).map("".join)

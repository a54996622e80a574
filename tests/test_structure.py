"""Article structure: datelines, captions, headings, boundaries, comment threads, lists,
teasers — each rule on small documents written for the purpose."""

from __future__ import annotations

from newsconv import clean_text
from newsconv._core import dateline, is_caption, strip_decoration
from newsconv._core import topic_similarity as core_topic_similarity
from newsconv.model import Document
from newsconv.pipeline import Config, analyse

PARA = ("The council met on Tuesday evening and voted to rebuild the north pier before "
        "the summer season, after a long debate about the cost and the contractors.")
PARAS = [
    PARA,
    "Engineers found that half of the timbers had rotted, and the work took a year longer "
    "than planned because the divers could only work at low tide.",
    "Fishermen said they were glad to have their moorings back, although the new fees are "
    "higher than before and the ladder on the east side is still missing.",
    "The mayor thanked the crews and promised a festival on the pier in August, with music, "
    "food stalls and a rowing race across the harbour.",
    "Some residents asked why the council did not build a floating pier instead, which "
    "would have cost less and could be moved when storms come.",
]


def paras(k: int, start: int = 0) -> list[str]:
    return [PARAS[(start + i) % len(PARAS)] for i in range(k)]


def page(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def topic_similarity(before: list[str], after: list[str]) -> float | None:
    """The core's measure with English stopwords and the layout's minimum of 20 content
    words a side (MIN_SIDE_WORDS / 3)."""
    return core_topic_similarity(before, after, "en", 20)


def test_dateline_with_agency() -> None:
    assert dateline("OSLO (Reuters) - The government said") == ("OSLO", "Reuters")
    assert dateline("(AP) — A storm hit") == (None, "AP")
    assert dateline("NEW DELHI: Their American dream shattered") == ("NEW DELHI", None)
    assert dateline("DIBAGA CAMP, Iraq (AP) — As the Islamic State group loses ground") == (
        "DIBAGA CAMP, Iraq", "AP")
    assert dateline("Kirkuk (Iraq) (AFP) – Iraqi special forces led an operation") == (
        "Kirkuk (Iraq)", "AFP")
    assert dateline("MADRID — Rafael Nadal kept Spain's hopes alive") == ("MADRID", None)


def test_dateline_needs_a_place_or_agency_at_the_start() -> None:
    assert dateline("In Oslo (Norway) the rain fell") == (None, None)
    assert dateline("US officials said on Monday") == (None, None)


def test_captions() -> None:
    assert is_caption("Workers repair the pier on Monday. (Courier Photo/Ana Lind)", 10)
    assert is_caption("FILE - In this June 2, 2019 file photo, ships wait at the port.", 13)
    assert is_caption("Men wait outside the camp, in Hajj Ali, Iraq. (AP Photo/Alice Martins)", 12)
    assert not is_caption("The minister spoke to reporters. (Reuters)", 5)
    assert not is_caption("He said it would rain. (Reuters)", 6)
    assert not is_caption("Workers (Courier Photo/Ana Lind)", 3)  # too short
    assert not is_caption(PARA, 30)


def test_captions_with_gallery_tails_and_glued_credits() -> None:
    """A gallery's expand/collapse toggle or credit line after the bracketed credit, and a
    credit label glued to the caption's last word, still make a caption; prose that merely
    mentions a photo or a credit does not."""
    base = "Divers check the pier before it reopens (Courier Photo/Tom Ek)"
    for tail in ("", " less", " ... more", " … more", " Photo: Tom Ek / Courier"):
        assert is_caption(base + tail, 10), tail
    assert is_caption("Divers check the pier before it reopensCredit: Harbour Board", 9)
    assert is_caption("The ferry in dry dock last winterPicture: Tom Ek", 8)
    assert not is_caption("The council said the photo credit was wrong and apologised.", 10)
    assert not is_caption("Divers check the pier (Courier Photo/Tom Ek) and then leave.", 10)
    assert not is_caption("He read more about it later. Credit: none was given to the crew", 12)


def test_decorations_are_stripped_from_subheadings() -> None:
    assert strip_decoration("*** The vote ***") == "The vote"
    assert strip_decoration("— What comes next —") == "What comes next"
    assert strip_decoration("Plain heading") == "Plain heading"
    assert strip_decoration("– ‘Insufficient camps’ –") == "‘Insufficient camps’"
    assert strip_decoration("***") == "***"  # nothing left: kept as it is


def test_topic_similarity() -> None:
    a = ["The ferry crossed the harbour with forty commuters and their bicycles. " * 5]
    b = ["The harbour ferry will carry more commuters and bicycles next year. " * 5]
    c = ["The orchestra played a new symphony to a full concert hall. " * 5]
    same, other = topic_similarity(a, b), topic_similarity(a, c)
    assert same is not None and other is not None and same > 0.3 > other
    assert topic_similarity(["short"], c) is None
    assert topic_similarity(
        ["The ferry sailed across the harbour at dawn with forty riders. " * 4],
        ["Parliament passed the budget bill after a long night debate. " * 4]) == 0.0


def test_dek_byline_caption_and_heading() -> None:
    text = page(
        "Pier rebuilt before summer | Town Courier",
        "Home", "News",
        "Pier rebuilt before summer",
        "The town's oldest pier reopens after a year of work on its timbers",
        "By Ana Lind",
        "June 3, 2024",
        "Workers fix the last planks on Monday. (Courier Photo/Jo Berg)",
        "PORTVILLE (TC) — " + PARAS[0],
        PARAS[1],
        "What happens next",
        PARAS[2],
        PARAS[3],
        "Share", "Facebook", "Twitter",
    )
    [a] = clean_text(text)
    assert a.title == "Pier rebuilt before summer"
    assert a.dek == "The town's oldest pier reopens after a year of work on its timbers"
    assert a.byline == "By Ana Lind"
    assert a.captions == ["Workers fix the last planks on Monday. (Courier Photo/Jo Berg)"]
    assert a.headings == ["What happens next"]
    assert (a.dateline, a.agency) == ("PORTVILLE", "TC")
    assert len(a.paragraphs) == 4



def test_caption_credited_with_a_copyright_sign() -> None:
    """German and Belgian papers credit a photo with "© owner" after the caption's last
    sentence: the line is a caption, not a paragraph of the body; a footer's copyright line
    is not a caption."""
    caption = "Divers check the timbers of the old pier at low tide. © Courier | Jo Berg"
    assert is_caption(caption, 14)
    assert is_caption("Divers check the timbers of the old pier. — © COURIER", 10)
    assert not is_caption("All rights reserved by the publishers of this site. © 2025", 10)
    text = page(
        "Pier rebuilt before summer | Town Courier",
        "Home", "News",
        "Pier rebuilt before summer",
        "By Ana Lind",
        PARAS[0], caption, PARAS[1], PARAS[2], PARAS[3],
        "Share", "Facebook", "Twitter",
    )
    [a] = clean_text(text)
    assert a.captions == [caption]
    assert a.paragraphs == PARAS[:4]


def test_teaser_that_ends_in_a_link_to_its_story() -> None:
    """Below the article, another story's headline and its summary ending in the link to
    it ("... mehr", "... Read more") are a teaser, not the article's last paragraph; a
    notice that speaks to the reader keeps its "Read more"."""
    teaser = ("The orchestra played a new symphony by a local composer to a full hall on "
              "Saturday night. mehr")
    text = page(
        "Pier rebuilt before summer | Town Courier",
        "Pier rebuilt before summer",
        "By Ana Lind",
        *PARAS[:4],
        "Orchestra fills the hall",
        teaser,
        "Share", "Facebook", "Twitter",
    )
    [a] = clean_text(text)
    assert a.paragraphs == PARAS[:4]
    a = analyse(Document("t", 0, text), Config())
    [v] = [v for b, v in zip(a.blocks, a.verdicts, strict=True) if b.text == teaser]
    assert not v.keep
    notice = ("For the first hours of the day we hide the votes, so that every entry can "
              "catch your interest. Read more")
    [b] = clean_text(page(*PARAS[:3], notice))
    assert b.paragraphs[-1] == notice
    # a linked headline between two paragraphs ("Headline | mehr") is shaped like a
    # subheading, but its link makes it a teaser: it does not come back as a heading
    linked = "Firefighters protest against a later retirement | mehr"
    [c] = clean_text(page("Pier rebuilt before summer", "By Ana Lind", *PARAS[:2], linked,
                          *PARAS[2:4]))
    assert c.paragraphs == PARAS[:4]
    assert linked not in c.headings

def test_two_stories_with_datelines_are_two_articles() -> None:
    other = ["The orchestra played a new symphony by a local composer to a full hall, and "
             "the audience stood for five minutes of applause at the end of the evening.",
             "The composer, who is twenty-four, wrote the piece during a winter residency in "
             "the mountains and dedicated it to her grandmother, a violinist who played in "
             "the same hall for forty years.",
             "Tickets for the second concert sold out within an hour, and the orchestra plans "
             "a recording in the spring with the same soloists and conductor.",
             "The conductor said the score was the hardest the players had learned in years, "
             "and that the brass section had rehearsed the finale every morning for a month."]
    text = page(
        "Weekly roundup | Town Blog",
        "Pier rebuilt before summer",
        "PORTVILLE (TC) — " + PARAS[0], PARAS[1], PARAS[2], PARAS[3],
        "Orchestra premieres new symphony",
        "ASHFORD (TC) — " + other[0], other[1], other[2], other[3],
    )
    arts = clean_text(text)
    assert [a.title for a in arts] == ["Pier rebuilt before summer",
                                       "Orchestra premieres new symphony"]
    assert [a.dateline for a in arts] == ["PORTVILLE", "ASHFORD"]


def test_a_subheading_never_splits_an_article() -> None:
    p = PARAS
    text = page("Pier rebuilt | Courier", "Pier rebuilt", p[0], p[1],
                "The cost of the work", p[2], p[3], "The next steps", p[4])
    [a] = clean_text(text)
    assert a.headings == ["The cost of the work", "The next steps"]


def test_comment_thread_is_dropped() -> None:
    comment = ("I walk past the pier every day and I think the repairs took far too long, "
               "but the result looks good and the timbers should last for decades.")
    text = page("Pier rebuilt | Courier", "Pier rebuilt", *paras(3),
                "3 Comments",
                "Ola Berg says:", "June 3, 2024 at 9:14 am", comment, "Reply",
                "Mia Holt says:", "June 3, 2024 at 10:02 am", comment.replace("I ", "We "),
                "Reply",
                "Leave a Reply")
    analysis = analyse(Document("t", 0, text), Config())
    [a] = analysis.articles
    assert len(a.paragraphs) == 3
    dropped = {b.text: v for b, v in zip(analysis.blocks, analysis.verdicts, strict=True)
               if not v.keep}
    assert dropped[comment].label in ("comments", "boilerplate", "fragment")
    assert dropped["Ola Berg says:"].label == "comment-form"


def test_a_table_below_the_body_is_kept() -> None:
    text = page("Chess results | Sports", "Chess results", *paras(2),
                "Final standings:",
                "1. Lena Brandt (Northfield) – 5.5 points",
                "2. Omar Haddad (Eastport) – 5 points",
                "3. Irene Kovac (Rivertown) – 4.5 points",
                "Related stories", "Club opens beginners' nights", "© 2025 Sports")
    [a] = clean_text(text)
    assert a.paragraphs[-3:] == ["1. Lena Brandt (Northfield) – 5.5 points",
                                 "2. Omar Haddad (Eastport) – 5 points",
                                 "3. Irene Kovac (Rivertown) – 4.5 points"]
    assert "Club opens beginners' nights" not in a.body


def test_every_block_has_a_verdict_with_a_reason() -> None:
    text = page("Pier rebuilt | Courier", "Home", "Pier rebuilt", *paras(2), "Share")
    analysis = analyse(Document("t", 0, text), Config())
    assert len(analysis.verdicts) == len(analysis.blocks)
    assert all(v.reason and v.label for v in analysis.verdicts)
    kept_article = {v.article for v in analysis.verdicts if v.keep}
    assert kept_article == {0}


def test_the_page_title_line_is_never_body_and_the_headline_is_the_title() -> None:
    """The dump's first line "Headline | Site" is the page's title (label page-title), even
    when the model would keep it; the headline below it is the article's title."""
    text = page("Pier rebuilt before summer | Harbour Courier", "Pier rebuilt before summer",
                *paras(4))
    a = analyse(Document("t", 0, text), Config())
    assert a.verdicts[0].label == "page-title" and not a.verdicts[0].keep
    [art] = a.articles
    assert art.title == "Pier rebuilt before summer"
    assert "Harbour Courier" not in art.body


def test_a_date_line_is_the_articles_date_not_its_text() -> None:
    text = page("Pier rebuilt before summer", "By Ana Lind", "Published March 4, 2024 at 9:59 am",
                *paras(4))
    [art] = analyse(Document("t", 0, text), Config()).articles
    assert "March 4" not in art.body
    assert art.date is not None and art.date.startswith("2024-03-04")


# A second story with its own words: a choir's tour, not the pier.
CHOIR = [
    "The youth choir returned from its tour of three northern cathedrals, where the singers "
    "performed a programme of medieval carols and two new pieces written for them.",
    "Their director explained that the sopranos rehearsed the hardest motet in a cold crypt "
    "because the nave was booked for weddings almost every weekend of the tour.",
    "Parents travelled by coach to hear the final concert, and several wept when the singers "
    "walked out holding candles and began the oldest carol from memory.",
    "A recording made by a radio engineer during the second concert will be broadcast on "
    "Christmas morning, together with interviews with the youngest choristers.",
    "The choir now hopes to raise money for a visit to a choral competition abroad, selling "
    "cakes, calendars and a printed songbook with drawings by its members.",
]

# More of the pier story, in other sentences but with its words.
PIER_MORE = [
    "The pier's new timbers came from a sawmill up the coast, and the council says the "
    "harbour divers will inspect them every spring before the summer season begins.",
    "Fishermen who moor beside the pier asked the council to keep the fees of the harbour "
    "as they were until the ladder on the east side of the pier is finally fitted.",
    "The contractors repaired the pier's railings last, and the harbour master says the "
    "pier can now take the weight of the delivery vans that serve the kiosks.",
    "A plaque at the end of the pier will name the divers and the engineers who rebuilt it, "
    "and the council will unveil it at the harbour festival in August.",
]


def test_a_story_reposted_straight_below_an_article_is_another_article() -> None:
    """A page reposted right below an article, without its headline and without a dropped
    line between them: the change of vocabulary starts the second article."""
    text = page("Pier rebuilt before summer | Town Courier", "Home", "News",
                "Pier rebuilt before summer", *PARAS, *PIER_MORE, *CHOIR)
    arts = clean_text(text)
    assert len(arts) == 2
    assert arts[0].title == "Pier rebuilt before summer"
    assert arts[0].paragraphs == PARAS + PIER_MORE
    assert arts[1].paragraphs == CHOIR


def test_an_article_that_keeps_its_words_is_not_cut() -> None:
    """The same story told on in other sentences stays one article (negative case)."""
    text = page("Pier rebuilt before summer | Town Courier", "Home", "News",
                "Pier rebuilt before summer", *PARAS, *PIER_MORE)
    [a] = clean_text(text)
    assert a.paragraphs == PARAS + PIER_MORE


def test_the_readers_pronouns_do_not_hold_two_stories_together() -> None:
    """Two advice texts that both speak to the reader ("you", "your") on unrelated
    subjects are two articles: the pronouns are not a shared topic.  (The cut is placed by
    vocabulary alone, so a paragraph that shares no word with either side may fall on
    either side of it.)"""
    garden = [
        "You should water your tomatoes early in the morning, before the sun warms your beds "
        "and the leaves dry out in the heat of your greenhouse.",
        "If your seedlings grow tall and pale, move them closer to your window and turn the "
        "trays every day so that your plants do not lean towards the glass.",
        "Your compost heap needs air as much as it needs kitchen scraps, so fork it over "
        "every fortnight and keep your lid on when the autumn rain comes.",
        "You can save your own seeds from the ripest fruit, dry them on paper for a week and "
        "keep your envelopes in a tin in a cool cupboard until spring.",
        "Prune your raspberry canes once the last berries fall, cutting the old brown stems "
        "to the ground so that your young green shoots get light and room.",
        "When slugs find your lettuces, scatter crushed eggshells around your rows and pick "
        "the creatures off by torchlight after a damp dusk.",
    ]
    bikes = [
        "You should check your tyre pressure every Monday, because soft tyres wear your rims "
        "and make your commute slower than you would think.",
        "Clean your chain with a cotton rag after wet rides, then oil your links sparingly "
        "and wipe off whatever your cassette throws back onto your frame.",
        "If your brakes squeal, look at your pads for grit and sand them lightly before you "
        "decide to replace your cables or your callipers.",
        "Your saddle should sit high enough that your leg is almost straight at the bottom of "
        "each stroke, which spares your knees on the long hills.",
        "Carry a spare inner tube, tyre levers and a small pump in your bag, since a puncture "
        "far from town ends your ride if you cannot mend it by the roadside.",
        "Lights on your handlebars and a red lamp under your saddle make you visible to "
        "drivers at nightfall, and reflective cuffs help on unlit lanes.",
    ]
    text = page("Garden tips for spring | Weekend Pages", "Garden tips for spring",
                *garden, *bikes)
    first, second = clean_text(text)
    assert first.paragraphs == garden[: len(first.paragraphs)]
    assert len(first.paragraphs) >= len(garden) - 1
    assert second.paragraphs[-len(bikes):] == bikes
    assert first.paragraphs + second.paragraphs == garden + bikes


def test_a_long_table_inside_an_article_does_not_cut_it() -> None:
    """A long stretch of dropped lines (a table of the pier's berths) between two parts of
    one story: the text below it goes on with the words above, so it is one article; an
    unrelated story after the same stretch would start a new one."""
    table = []
    for k in range(1, 16):
        table += [f"Berth {k}", f"Length: {10 + k} m", f"Depth at low tide: {k % 4 + 2}.5 m"]
    above = [*PARAS,
             "Harbour staff will paint the pier's berth numbers again before the summer and "
             "the council will print a new harbour map for the pier's visitors.",
             "Divers will also check the berths beside the pier each month, because the "
             "council wants the harbour's moorings safe before the regatta."]
    below = [*PIER_MORE,
             "The harbour master thanked the divers and the council for the pier, and said "
             "the rebuilt berths had already brought more boats into the harbour."]
    text = page("Pier rebuilt before summer | Town Courier", "Home", "News",
                "Pier rebuilt before summer", *above, "Berths on the new pier", *table,
                *below, "Share", "Facebook", "© 2025 Town Courier")
    [a] = clean_text(text)
    assert a.paragraphs[: len(above)] == above
    assert a.paragraphs[-len(below):] == below


def test_a_tail_without_chrome_is_kept_unless_it_repeats_itself() -> None:
    """Below the body, lines that no chrome table knows are the end of an already cleaned
    text and stay; a tail that lists two of its lines twice (a teaser list shown twice, as
    menus and "more from" boxes are) is page chrome in words the tables do not know."""
    first = "Ferry timetable changes for the coming winter season"
    second = "Lighthouse keeper retires after forty years at Gull Point"
    tail = ["Fish markets", first, "Tides and moorings", second, "Rowing clubs"]
    reason = "end of a text without page chrome"

    def tail_reasons(*lines: str) -> list[str]:
        a = analyse(Document("t", 0, page("Pier rebuilt after a year of work", *paras(5),
                                          *lines)), Config())
        return [v.reason for v in a.verdicts[6:]]

    assert reason in tail_reasons(*tail)
    assert reason not in tail_reasons(*tail, first, second)


def test_a_line_that_says_the_same_words_twice_is_not_body_text() -> None:
    """An image's alt text glued to its title ("Pier at dawn Pier at dawn") inside the body
    goes; the paragraphs around it stay, and so does a line that only repeats a word or
    two."""
    glued = "Crews lift the last timber onto the pier Crews lift the last timber onto the pier"
    a = analyse(Document("t", 0, page("Pier rebuilt after a year of work", *paras(2), glued,
                                      *paras(3, 2))), Config())
    verdicts = {b.text: v for b, v in zip(a.blocks, a.verdicts, strict=True)}
    assert not verdicts[glued].keep
    assert verdicts[glued].reason == "the same words twice on one line"
    assert all(verdicts[p].keep for p in PARAS)
    assert glued not in a.articles[0].body


def test_a_date_then_by_and_a_name_under_a_headline_starts_a_story() -> None:
    """A headline followed by a date and "by" an author — with no bar or comma between
    them, or the date of an update run into the first — introduces the next story of a
    dump, even one on the same subject as the story above (the vocabulary does not
    change)."""
    fees = [
        "The harbour board said the new mooring fees would pay for the divers and the "
        "timber, and that the pier would need no further work for at least twenty years.",
        "Boat owners at the north pier asked the council to spread the fees over two "
        "seasons, since most of them had paid for winter storage before the rise.",
        "The council agreed to hear the owners again in March, after the first summer of "
        "the rebuilt pier, when the cost of the repairs is known in full.",
        "Several fishermen said they would move their boats to the south harbour, where the "
        "fees are lower and the moorings are closer to the fish market.",
        "The harbour master warned that the south harbour silts up every autumn and that "
        "larger boats could be stranded there at low tide during the winter months.",
    ]
    for by in ("03/01/2017 by Sam Doe, Harbour Correspondent",
               "May 21, 2025April 24, 2025 by Sam Doe"):
        text = page("Pier rebuilt before summer | Town Blog", "Pier rebuilt before summer",
                    "By Jo Bloggs", "March 2, 2017", *PARAS, "Share it",
                    "Mooring fees rise at the rebuilt pier", by, *fees)
        first, second = clean_text(text)
        assert first.title == "Pier rebuilt before summer"
        assert first.paragraphs == PARAS
        assert second.title == "Mooring fees rise at the rebuilt pier"
        assert second.paragraphs == fees


def test_a_line_ending_in_a_colon_introduces_a_list_not_a_story() -> None:
    """A headline-shaped line that ends in a colon ("... the following:") introduces the
    lines below it, even when they open like a dateline with an agency ("Remotely Operated
    Vehicles (ROV) — ..."): the article goes on, no new story starts there."""
    intro = "The divers used three kinds of equipment on the pier, including:"
    items = [
        "Remotely Operated Vehicles (ROV) — Two small robots surveyed the timbers below the "
        "waterline and filmed every joint before the divers went down.",
        "Hydraulic Bolt Cutters (HBC) — The old iron bolts had rusted into the wood, so the "
        "crews cut them out one by one at low tide.",
        "Underwater Welding Sets (UWS) — The steel frames at the foot of the pier were "
        "repaired in place, which saved the council several weeks of work.",
    ]
    text = page("Pier rebuilt before summer | Town Blog", "Pier rebuilt before summer",
                "By Jo Bloggs", "March 2, 2017", *PARAS, intro, *items, "Share it")
    articles = clean_text(text)
    assert [a.title for a in articles] == ["Pier rebuilt before summer"]
    assert articles[0].paragraphs[-len(items):] == items
    assert intro in articles[0].headings + articles[0].paragraphs


def test_the_entries_below_a_listings_short_introduction_are_kept() -> None:
    """A listing page: a one-paragraph introduction, then entries of a headline, an author
    line and a one-sentence summary each.  Each entry alone is too short to be an article
    beside the main text, but three or more such texts the model reads as prose beside a
    short main text are the page's content (a thread's replies are the same case), kept
    with their headlines; a story's sidebar teasers are headlines the model drops."""
    intro = ("Our reviewers spent the winter on the water, testing kayaks, paddles, dry bags "
             "and life jackets on lakes, rivers and the open sea, and these are the ones they "
             "kept.")
    entries = [
        ("The Best Touring Kayak", "by Mia Berg",
         "After three hundred miles of coastline, one boat tracked straighter and carried "
         "more than any other we tried."),
        ("The Best Paddle for Beginners", "by Tom Eck",
         "A light shaft and a forgiving blade make the first long day on the water a "
         "pleasure instead of a chore."),
        ("The Best Dry Bag", "by Mia Berg",
         "We dunked a dozen bags in the harbour for an hour, and only two of them kept a "
         "phone and a sandwich dry."),
        ("The Best Life Jacket", "by Ana Lind",
         "The jacket you actually wear is the one that saves you, so comfort and pockets "
         "matter as much as buoyancy."),
    ]
    lines = ["Paddling gear reviews | Harbour Tests", "Home", "Reviews", "Guides", "Deals",
             "About", "Paddling gear", intro]
    for headline, author, summary in entries:
        lines += [headline, author, summary, "Updated March 3, 2026"]
    lines += ["About us", "Contact", "© 2026 Harbour Tests"]
    articles = clean_text(page(*lines))
    # the model reads the last entry's summary, beside the footer, as chrome
    kept = entries[:3]
    assert [a.title for a in articles] == ["Paddling gear"] + [h for h, _, _ in kept]
    assert [a.paragraphs for a in articles[1:]] == [[s] for _, _, s in kept]

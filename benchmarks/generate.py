#!/usr/bin/env python3
"""A large, realistic, deterministic news-page dump for the speed benchmark.

    python benchmarks/generate.py                               # 200 MB of JSON Lines
    python benchmarks/generate.py --size-mb 20 --out /tmp/d.jsonl.zst
    python benchmarks/generate.py --format text --out /tmp/d.txt  # form-feed separated

Every word comes from the lists and templates below (invented sites, people, towns and
sentences); nothing is copied from a corpus.  Each document is one news page as a crawler
dumps it: one block per line, blank lines between blocks, the site's chrome (title line,
cookie notice, menus, breadcrumbs, share bar, related stories, newsletter prompt, comment
form, footer) around a story of 5-25 paragraphs with captions, subheadings and lists.  A
share of pages carry a second (or third) story after the first, a share are mojibake
(UTF-8 read as Windows-1252, "Iraq’s" → "Iraqâ€™s"), and each of the ~50 sites repeats its
own menus and footer, so dump-level repetition exists as in a real crawl.

Pages are built from pools of sentences made once per run, so 200 MB takes well under a
minute.  The same seed gives the same bytes, and a smaller dump is a prefix of a larger one.
Sizes are in MB of 10^6 bytes of output (before compression).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO

import zstandard

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
MB = 1_000_000

# --- vocabulary --------------------------------------------------------------------------

FIRST = (
    "Maren", "Tomas", "Aino", "Jonas", "Lars", "Priya", "Kwame", "Sofia", "Mateo", "Ingrid",
    "Dara", "Felix", "Halima", "Oskar", "Renata", "Yusuf", "Elin", "Marcus", "Noor", "Bram",
    "Chiara", "Idris", "Leona", "Pavel", "Saoirse", "Tariq", "Ulla", "Viktor", "Wren", "Zoë",
    "José", "Anneke", "Bastian", "Celeste", "Dmitri", "Esme", "Farid", "Greta", "Hugo",
    "Imani", "Jarrah", "Keiko", "Lucian", "Mireille", "Nils", "Olamide", "Petra", "Quinn",
    "Rosalind", "Stellan", "Thandiwe", "Ugo", "Vesna", "Wilhelmina", "Xavier", "Yara",
)
LAST = (
    "Lindqvist", "Ek", "Berg", "Falk", "Holm", "Okafor", "Brennan", "Halvorsen", "Castellano",
    "Nakamura", "Varga", "Mbeki", "Sørensen", "Quayle", "Ferreira", "Achterberg", "Dunmore",
    "Kowalczyk", "Ravensworth", "Tanaka", "Oyelaran", "Marchetti", "Lindahl", "Whitcombe",
    "Abernethy", "Müller", "Ødegaard", "Prendergast", "Szabo", "Venkataraman", "Larkspur",
    "Mbatha", "Cordero", "Hallström", "Idowu", "Jankowski", "Keane", "Loxley", "Moreau",
    "Novak", "Orlov", "Pemberton", "Rinaldi", "Strand", "Thistlewood", "Ueda", "Vance",
)
TOWN_HEAD = ("North", "Gull", "Ash", "Red", "Stone", "Mill", "Oak", "Wester", "Bright",
             "Cold", "Fair", "Kings", "Pine", "Elm", "Fox", "Lark", "Haven", "Marsh", "Salt",
             "Thorn", "Willow", "Amber", "Crow", "Heron")
TOWN_TAIL = ("bay", "field", "ford", "brook", "port", "wick", "ton", "dale",
             "mouth", "bridge", "moor", "stead", "holm", "cliff", "water")
REGIONS = ("Lowvale", "Eastmark County", "Westreach", "Saltcoast", "Hollin Province",
           "Upper Marsh County", "Brackenshire", "Tarnvale")
PAPERS = ("Courier", "Gazette", "Herald", "Chronicle", "Tribune", "Post", "Sentinel",
          "Observer", "Record", "Star", "Dispatch", "Mercury", "Examiner", "Journal",
          "Advertiser", "Beacon", "Clarion", "Echo")
AGENCIES = ("Northern Wire", "Coastal Press Agency", "Meridian News Service",
            "Continental Photo Desk", "Vale Press Association")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
ORDINALS = ("second", "third", "fourth", "fifth")

# Each section: what its stories are about (singular, plural) and who speaks for whom.
SECTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "Local": (("ferry", "bus route", "library", "bridge", "town square", "market hall"),
              ("commuters", "residents", "shop owners", "families"),
              ("{town} City Council", "the {town} Harbour Authority",
               "the Residents' Association")),
    "Business": (("factory", "shipyard", "bakery chain", "port terminal", "credit union"),
                 ("workers", "shareholders", "suppliers", "small businesses"),
                 ("the {town} Chamber of Commerce", "Greywater Holdings",
                  "the Dockworkers' Union")),
    "Politics": (("budget", "housing bill", "election", "planning reform", "tax plan"),
                 ("voters", "councillors", "tenants", "taxpayers"),
                 ("the Provincial Assembly", "the Civic Party", "the Finance Ministry")),
    "Sport": (("stadium", "derby", "cup final", "training ground", "youth academy"),
              ("supporters", "players", "season-ticket holders", "coaches"),
              ("{town} Rovers", "{town} Athletic", "the Regional Football League")),
    "Health": (("hospital", "clinic", "vaccination drive", "ambulance service", "care home"),
               ("patients", "nurses", "doctors", "carers"),
               ("{town} General Hospital", "the Regional Health Board", "the Nurses' Guild")),
    "Education": (("primary school", "university", "exam board", "school bus", "college"),
                  ("pupils", "parents", "teachers", "students"),
                  ("the University of {town}", "{town} Primary School", "the Education Office")),
    "Weather": (("storm", "flood barrier", "heatwave", "river embankment", "snowfall"),
                ("farmers", "drivers", "householders", "anglers"),
                ("the State Weather Service", "the {region} Water Board", "the Coastguard")),
    "Culture": (("festival", "museum", "theatre", "concert hall", "book fair"),
                ("visitors", "artists", "volunteers", "musicians"),
                ("the {town} Arts Trust", "the National Museum", "the Festival Society")),
    "Transport": (("rail line", "ring road", "cycle lane", "tram depot", "airport"),
                  ("passengers", "cyclists", "drivers", "travellers"),
                  ("the {region} Transport Authority", "Lakeside Rail", "the Roads Agency")),
    "Science": (("research station", "telescope", "seed bank", "laboratory", "survey ship"),
                ("researchers", "volunteers", "students", "engineers"),
                ("the {town} Institute of Technology", "the Marine Research Centre",
                 "the Science Council")),
}
SECTIONS_LIST = tuple(SECTIONS)
ROLES = ("a spokesperson for {org}", "the council's finance director", "a nurse who lives nearby",
         "chair of the residents' association", "a retired teacher", "the mayor of {town}",
         "a professor of economics at the University of {town}",
         "who runs a shop on the high street", "a member of the board of {org}",
         "the head of operations at {org}", "a local volunteer",
         "an engineer who worked on the project", "the opposition's spokesperson on {topic}")
QUOTES = (
    "We have waited a long time for this", "I had never seen anything like it",
    "It is a good day for {town}", "Nobody wants to see the {noun} close",
    "We will keep asking questions until we get answers", "The numbers simply do not add up",
    "This is about making sure everyone can get to work on time",
    "People here have been patient, and they deserve better",
    "We knew it would be difficult, but not this difficult",
    "I think most {plural} will welcome the change", "There is still a lot of work to do",
    "It was the right decision at the right time", "Nobody told us anything until last week",
    "We are proud of what the team has done this year",
    "The {noun} is the heart of this community", "I hope they listen this time",
    "Every week we wait costs us money", "We owe it to the next generation",
)
SENTENCES = (
    "The {noun} will reopen on {day} after {num} weeks of repairs, {org} said in a statement.",
    "{P} told reporters that the decision had been made after months of talks with {org}.",
    "“{quote},” said {person}, {role}.",
    "“{quote},” {L} said.",
    "“{quote}. {quote2},” said {person}.",
    "Officials estimate the work will cost about {money}, roughly {pct} percent more than the "
    "first estimate published in {month}.",
    "The proposal goes before {org} again on {month} {dom}, when members are expected to vote "
    "on a revised plan.",
    "Residents of {T} have complained for years about the state of the {noun}, which was last "
    "upgraded in {year}.",
    "According to figures released on {day}, the number of {plural} in {region} rose by {pct} "
    "percent last year.",
    "{person}, who has lived in {town} for {num} years, said the changes were long overdue.",
    "Critics argue that the {noun} has been underfunded since {year} and that the new money "
    "will not close the gap.",
    "A spokesperson for {org} declined to comment on the figures but said a full report would "
    "be published in {month}.",
    "The {noun} is used by about {big} people a day, most of them {plural} from {town} and "
    "{town2}.",
    "In a letter sent to members on {day}, {P} said the organisation would review its budget "
    "before the end of the year.",
    "It is the {ordinal} time in {num} years that the {noun} has been closed.",
    "Police in {town} said no one was injured and that the cause of the {noun} fire was still "
    "being investigated.",
    "The {noun} was built in {year} and has been extended twice, most recently in {year2}.",
    "Opposition members on {org} called the plan rushed and asked for an independent review "
    "of the costs.",
    "Work is expected to begin in {month} and to last about {num} months, weather permitting.",
    "{L} said the lessons of the past year had been learned and that {plural} would see the "
    "difference.",
    "Under the new rules, {plural} will have to register with {org} at least {num} days in "
    "advance.",
    "A survey of {big} households found that {pct} percent of respondents were satisfied with "
    "the {noun}.",
    "Local businesses say they lost as much as {money} while the {noun} was closed.",
    "{org} has promised to publish a timetable for the remaining work by the end of {month}.",
    "Asked whether the {noun} would be ready in time, {P} said it was too early to say.",
    "The meeting on {day} drew more than {num3} people, many of whom had to stand at the back "
    "of the hall.",
    "Rain is expected to continue through {day}, with up to {num} millimetres forecast for the "
    "hills above {town}.",
    "The {noun} employs {num3} people, about a third of them part time.",
    "Talks between {org} and {org2} broke down in {month} over pay and working hours.",
    "Figures seen by the {paper} suggest the shortfall could reach {money} by {year3}.",
    "{P} first raised concerns about the {noun} in {year2}, when {pronoun} was still a "
    "member of {org}.",
    "The plan includes a new entrance, wider paths and {num} extra spaces for bicycles.",
    "Several {plural} said they had not been consulted before the decision was announced.",
    "It remains unclear who will pay for the {noun} repairs once the {money} of insurance "
    "money runs out.",
    "Supporters of the scheme point to {town2}, where a similar {noun} opened in {year2}.",
    "The report, which runs to {num3} pages, makes {num} recommendations.",
    "Why did the {noun} in {town} take {num} years to build?",
    "The answer, officials say, lies in a dispute over who owns the land under the {noun}.",
    "A decision on the {noun} is expected before {month}.",
    "{P}, {age}, has worked at the {noun} since {year2}.",
    "The next meeting of {org} is scheduled for {day}, {month} {dom}, at {time} pm.",
    "Tickets go on sale on {day} and cost between {small} and {small2} dollars.",
    "Turnout was {pct} percent, the highest since {year2}.",
    "The {noun} closed briefly in {month} after inspectors found cracks in a supporting wall.",
    "That figure has more than doubled since {year}, according to {org}.",
    "Nobody from {org} attended the meeting, which {L} described as a missed opportunity.",
)
HEADLINES = (
    "{Town} council approves {noun} plan after long debate",
    "{Noun} reopens after {num}-week closure",
    "Residents fight plan to close {town} {noun}",
    "{org_cap} warns of delays at the {noun}",
    "What the new {noun} rules mean for {plural}",
    "{person} named new head of {org}",
    "{Team} beat {Team2} {s1}-{s2} in front of home crowd",
    "Storm damage to {noun} worse than first thought",
    "{Town} {noun} to get {money} upgrade",
    "Inquiry opens into {noun} closure",
    "{Plural} in {town} face higher costs from {month}",
    "Volunteers step in as {noun} struggles to find staff",
    "Why the {noun} in {town} still is not finished",
    "{person}: ‘{quote}’",
    "{num} things to know about the {noun} vote",
    "Record numbers visit {town} {noun} this summer",
    "Union calls for talks over {noun} jobs",
    "Court rules against {org} in {noun} dispute",
)
SUBHEADINGS = ("What happens next", "What changes for {plural}", "A long time coming",
               "The cost", "Background", "Reaction", "What residents say", "Why it matters",
               "By the numbers", "How we got here", "The view from {town}", "Key dates")
LIST_ITEMS = ("{month} {dom}: public consultation opens", "{month} {dom}: council vote",
              "{num} new staff to be hired by {month}", "Opening hours extended to {time} pm",
              "Fares frozen until {year3}", "{money} set aside for repairs",
              "A second entrance on {street} Road", "Free parking for {plural} on weekends")
STREETS = ("Harbour", "Station", "Mill", "Church", "Quarry", "Orchard", "Bridge", "Kiln")

# Chrome: the same few phrasings recur on many sites, as on the web.
COOKIES = (
    ("We use cookies to give you the best experience on our website. By continuing to browse "
     "you agree to our use of cookies.", "Accept", "Manage preferences"),
    ("{site} uses cookies for personalisation, to customise its advertising and for other "
     "purposes. Learn more or change your cookie preferences.", "close"),
    ("This site uses cookies. You can change your settings at any time.", "OK", "Settings"),
    ("We and our partners store and access information on your device, such as cookies, to "
     "show you personalised ads and content.", "I Accept", "Show Purposes"),
)
SHARE = ("Share", "Facebook", "Twitter", "Email", "Print", "WhatsApp", "LinkedIn", "Reddit",
         "Copy link", "Share this article", "Tweet", "Pinterest")
TOP = ("Skip to content", "Skip to main content", "Menu", "Search", "Subscribe", "Sign In",
       "Log in", "Register", "Today's Paper", "E-Edition", "Newsletters", "Open menu")
NAV_EXTRA = ("Home", "News", "Opinion", "Obituaries", "Video", "Photos", "Podcasts",
             "Events", "Classifieds", "Jobs", "Property", "Motoring", "Puzzles", "Letters",
             "Editorials", "World", "National", "Lifestyle", "Food & Drink", "Travel")
MENU_SUBS = ("Home", "Latest", "Video", "Photos", "Live", "Opinion", "Results")
FOLLOW = ("Follow us", "Facebook", "Instagram", "X", "YouTube", "TikTok", "RSS")
RELATED = ("Related stories", "More from {section}", "You may also like", "Read next",
           "Recommended", "Trending Now", "Most Read")
FOOTER = ("About Us", "Contact", "Privacy Policy", "Terms of Use", "Advertise", "Careers",
          "Corrections", "Cookie Policy", "Accessibility", "Site Map", "Subscribe",
          "Help Centre", "Contact the newsroom")
WORDPRESS_FORM = (
    "Leave a Reply", "Enter your comment here...",
    "Fill in your details below or click an icon to log in:",
    "Email (required) (Address never made public)", "Name (required)", "Website",
    "You are commenting using your WordPress.com account. ( Log Out / Change )",
    "You are commenting using your Twitter account. ( Log Out / Change )",
    "You are commenting using your Facebook account. ( Log Out / Change )",
    "Cancel", "Connecting to %s", "Notify me of new comments via email.",
    "Notify me of new posts via email.",
)
SIMPLE_FORM = (
    "Leave a Reply", "Your email address will not be published. Required fields are marked *",
    "Comment", "Name *", "Email *", "Website",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Post Comment",
)
TEMPLATE_JUNK = ("{* #signInForm *}", "{* traditionalSignIn_emailAddress *}",
                 "{* submitButton *}", "{* /signInForm *}")
DATE_FORMATS = ("Published {month} {dom}, {year} at {hour}:{minute} {ampm}",
                "{mon} {dom}, {year}", "{dd}/{mm}/{year} {hh}:{minute}",
                "{weekday}, {dom} {month} {year}",
                "Updated: {hour}:{minute} {AMPM} {month} {dom}, {year}",
                "Posted {weekday} {dom} {month} {year}")
BYLINES = ("By {name}", "{name}, Staff Writer", "Written by {name}", "By {name} and {name2}",
           "{name} | {site}", "By {name}, {agency}")
CREDITS = ("({short} Photo/{name})", "Photo: {name} / {agency}", "({name}/{agency})",
           "Image: {site}", "{name} / {short}")


@dataclass(frozen=True, slots=True)
class Site:
    """One invented news site: its name and the chrome it repeats on every page."""

    name: str
    short: str
    domain: str
    title_sep: str
    top: tuple[str, ...]
    nav: tuple[str, ...]
    cookie: tuple[str, ...]
    share: tuple[str, ...]
    related: str
    comments: tuple[str, ...]
    newsletter: tuple[str, ...]
    footer: tuple[str, ...]
    junk: tuple[str, ...]
    follow: tuple[str, ...]
    date_format: str
    byline: str
    credit: str
    ads: bool


@dataclass(frozen=True, slots=True)
class Record:
    """One generated page."""

    id: str
    url: str
    text: str


@dataclass(frozen=True, slots=True)
class Story:
    """One story of a page: its headline and its lines, chrome included."""

    headline: str
    lines: list[str]


class Vocabulary:
    """Fills templates from the word lists with one random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.towns = [h + t for h in TOWN_HEAD for t in TOWN_TAIL]

    def name(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def town(self) -> str:
        return self.rng.choice(self.towns)

    def fill(self, template: str, section: str) -> str:
        """``template`` with every slot filled, each slot drawn only if the template has it."""
        return template.format_map(Slots(self, section))

    def money(self) -> str:
        if self.rng.random() < 0.5:
            return f"{self.rng.randint(2, 95) / 10:.1f} million dollars"
        return f"${self.rng.randint(12, 990)},000"


# How each template slot is drawn; a capitalised slot ("Town") is its slot capitalised.
_DRAW: dict[str, Callable[[Slots], str]] = {
    "section": lambda s: s.section, "topic": lambda s: s.section.lower(),
    "noun": lambda s: s.pick(SECTIONS[s.section][0]),
    "plural": lambda s: s.pick(SECTIONS[s.section][1]),
    "org": lambda s: s.pick(SECTIONS[s.section][2]).format(town=s["town"], region=s["region"]),
    "org2": lambda s: s.pick(SECTIONS[s.section][2]).format(town=s["town2"],
                                                            region=s.pick(REGIONS)),
    "org_cap": lambda s: _capital(s["org"]),
    "town": lambda s: s.vocab.town(), "town2": lambda s: s.vocab.town(),
    "region": lambda s: s.pick(REGIONS), "person": lambda s: s.vocab.name(),
    "day": lambda s: s.pick(DAYS), "month": lambda s: s.pick(MONTHS),
    "dom": lambda s: s.number(1, 28), "num": lambda s: s.number(2, 12),
    "num3": lambda s: s.number(40, 900), "big": lambda s: f"{s.vocab.rng.randint(1, 60):,},000",
    "pct": lambda s: s.number(3, 85), "money": lambda s: s.vocab.money(),
    "year": lambda s: s.number(1968, 2012), "year2": lambda s: s.number(2013, 2023),
    "year3": lambda s: s.number(2026, 2032), "ordinal": lambda s: s.pick(ORDINALS),
    "age": lambda s: s.number(24, 71), "time": lambda s: s.number(5, 9),
    "small": lambda s: s.number(5, 15), "small2": lambda s: s.number(20, 60),
    "paper": lambda s: s.pick(PAPERS), "street": lambda s: s.pick(STREETS),
    "pronoun": lambda s: s.pick(("she", "he")), "s1": lambda s: s.number(2, 5),
    "s2": lambda s: s.number(0, 1), "Team": lambda s: f"{s.vocab.town()} Rovers",
    "Team2": lambda s: f"{s.vocab.town()} Athletic",
    "role": lambda s: s.pick(ROLES).format_map(s),
    "quote": lambda s: s.pick(QUOTES).format_map(s),
    "quote2": lambda s: s.pick(QUOTES).format_map(s),
    # The story's own cast, filled in when a story is built (PageMaker.story).
    "P": lambda s: "@P@", "L": lambda s: "@L@", "T": lambda s: "@T@",
}


class Slots(dict[str, str]):
    """The slots of one template, each drawn the first time the template asks for it."""

    def __init__(self, vocab: Vocabulary, section: str) -> None:
        super().__init__()
        self.vocab, self.section = vocab, section

    def __missing__(self, key: str) -> str:
        draw = _DRAW.get(key)
        value = draw(self) if draw is not None else _capital(self[key.lower()])
        self[key] = value
        return value

    def pick(self, options: Sequence[str]) -> str:
        return self.vocab.rng.choice(options)

    def number(self, low: int, high: int) -> str:
        return str(self.vocab.rng.randint(low, high))


@dataclass(frozen=True, slots=True)
class Pools:
    """Sentences made once per run, per section; pages sample from them."""

    sentences: dict[str, tuple[str, ...]]
    headlines: dict[str, tuple[str, ...]]


def build_pools(vocab: Vocabulary, sentences_per_section: int = 3000,
                headlines_per_section: int = 600) -> Pools:
    """Pools of filled sentences and headlines for every section."""
    rng = vocab.rng
    sentences = {s: tuple(_capital(vocab.fill(rng.choice(SENTENCES), s))
                          for _ in range(sentences_per_section)) for s in SECTIONS}
    headlines = {s: tuple(vocab.fill(rng.choice(HEADLINES), s)
                          for _ in range(headlines_per_section)) for s in SECTIONS}
    return Pools(sentences, headlines)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def make_site(vocab: Vocabulary) -> Site:
    """An invented site with its own fixed chrome."""
    rng = vocab.rng
    town, paper = vocab.town(), rng.choice(PAPERS)
    name = f"The {town} {paper}"
    sections = rng.sample(list(SECTIONS), rng.randint(5, len(SECTIONS)))
    nav = ["Home", *sections, *rng.sample(NAV_EXTRA, rng.randint(4, 16))]
    if rng.random() < 0.5:  # a mega-menu: every section again with its sub-entries
        subs = rng.sample(MENU_SUBS, rng.randint(2, 5))
        nav += [line for s in sections for line in (s, *(f"{s} {sub}" for sub in subs))]
    cookie = tuple(c.format(site=name) for c in rng.choice(COOKIES)) if rng.random() < 0.6 else ()
    newsletter = (f"Sign up for the {paper} Daily newsletter",
                  "Get the latest headlines delivered to your inbox every morning.",
                  "Email address", "Sign Up",
                  "By signing up you agree to our Terms of Use and Privacy Policy.")
    comments = rng.choice((WORDPRESS_FORM, SIMPLE_FORM, ("Comments", "Show comments"), ()))
    footer = (f"© {rng.randint(2019, 2025)} {name}. All rights reserved.",
              *rng.sample(FOOTER, rng.randint(4, 10)))
    return Site(
        name=name, short=paper, domain=f"{town.lower()}{paper.lower()}.example",
        title_sep=rng.choice((" | ", " - ", " – ", " :: ")),
        top=tuple(rng.sample(TOP, rng.randint(2, 6))), nav=tuple(nav), cookie=cookie,
        share=tuple(rng.sample(SHARE, rng.randint(3, 7))),
        related=rng.choice(RELATED), comments=comments,
        newsletter=newsletter[: rng.randint(2, 5)] if rng.random() < 0.7 else (),
        footer=footer, junk=TEMPLATE_JUNK if rng.random() < 0.08 else (),
        follow=FOLLOW[: rng.randint(3, len(FOLLOW))] if rng.random() < 0.6 else (),
        date_format=rng.choice(DATE_FORMATS), byline=rng.choice(BYLINES),
        credit=rng.choice(CREDITS), ads=rng.random() < 0.5)


class PageMaker:
    """Builds pages of one dump: sites, pools and a random generator, all from one seed."""

    def __init__(self, seed: int, sites: int = 50, multi_rate: float = 0.3) -> None:
        self.rng = random.Random(seed)
        self.vocab = Vocabulary(self.rng)
        self.pools = build_pools(self.vocab)
        self.sites = [make_site(self.vocab) for _ in range(sites)]
        self.multi_rate = multi_rate

    def page(self, n: int) -> tuple[str, str]:
        """The URL and text of page number ``n``."""
        rng = self.rng
        site = rng.choice(self.sites)
        section = rng.choice([s for s in site.nav if s in SECTIONS])
        stories = 1 if rng.random() >= self.multi_rate else rng.choice((2, 2, 2, 3))
        first = self.story(site, section)
        lines = [f"{first.headline}{site.title_sep}{site.name}", *site.top, *site.cookie,
                 *site.nav, *self.breadcrumbs(section, first.headline), *first.lines]
        for _ in range(stories - 1):
            lines += [rng.choice(("Next story", "Up next", "Continue reading", "More stories"))]
            lines += self.story(site, rng.choice(SECTIONS_LIST)).lines
        lines += self.page_end(site, section)
        slug = "-".join(re.findall(r"[a-z0-9]+", first.headline.lower())[:8])
        url = (f"https://www.{site.domain}/{section.lower()}/{rng.randint(2019, 2025)}/"
               f"{rng.randint(1, 12):02d}/{slug}-{n}")
        return url, "\n\n".join(lines) + "\n"

    def breadcrumbs(self, section: str, headline: str) -> list[str]:
        if self.rng.random() < 0.5:
            return ["Home", section]
        return [f"Home › {section} › {headline[:40]}"]

    def story(self, site: Site, section: str) -> Story:
        """Headline, byline, date, share bar, captions and body of one story."""
        rng, vocab = self.rng, self.vocab
        person, town = vocab.name(), vocab.town()
        headline = rng.choice(self.pools.headlines[section])
        lines = [headline] * rng.choice((1, 2, 2, 3))
        if rng.random() < 0.4:
            lines.append(self.paragraph(section, 1))
        lines += [self.byline(site), self.date(site.date_format), *site.share]
        if rng.random() < 0.7:
            lines.append(self.caption(site, section))
        if rng.random() < 0.15:
            lines += ["View photos", f"{rng.randint(2, 24)} photos"]
        body = self.body(site, section, town)
        text = "\n\n".join(lines + body)
        text = text.replace("@P@", person).replace("@L@", person.split()[1]).replace("@T@", town)
        return Story(headline, text.split("\n\n"))

    def body(self, site: Site, section: str, town: str) -> list[str]:
        """5-25 paragraphs with a dateline, subheadings, a list, a caption, an ad slot."""
        rng = self.rng
        count = min(25, max(5, int(rng.lognormvariate(2.65, 0.45))))
        paras = [f"{town.upper()} — {self.paragraph(section, rng.randint(1, 2))}"]
        for i in range(1, count):
            roll = rng.random()
            if roll < 0.08 and i > 2:
                paras.append(self.vocab.fill(rng.choice(SUBHEADINGS), section))
            elif roll < 0.11:
                paras.append(rng.choice(("At a glance:", "Key points:", "The plan includes:")))
                paras += [self.vocab.fill(rng.choice(LIST_ITEMS), section)
                          for _ in range(rng.randint(3, 5))]
            elif roll < 0.14:
                paras.append(self.caption(site, section))
            elif roll < 0.17 and site.ads:
                paras.append(rng.choice(("Advertisement", "Story continues below advertisement",
                                         "ADVERTISEMENT")))
            elif roll < 0.20:
                paras.append(f"Read more: {rng.choice(self.pools.headlines[section])}")
            paras.append(self.paragraph(section, rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5, 6))))
        if rng.random() < 0.2:
            paras.append(f"Reporting by {self.vocab.name()}; editing by {self.vocab.name()}")
        return paras

    def paragraph(self, section: str, sentences: int) -> str:
        return " ".join(self.rng.choices(self.pools.sentences[section], k=sentences))

    def byline(self, site: Site) -> str:
        return site.byline.format(name=self.vocab.name(), name2=self.vocab.name(),
                                  site=site.name, agency=self.rng.choice(AGENCIES))

    def caption(self, site: Site, section: str) -> str:
        rng = self.rng
        what = self.vocab.fill(rng.choice((
            "{person} outside the {noun} in {town} on {day}.",
            "The {noun} in {town}, pictured in {month}.",
            "{Plural} wait at the {noun} on {day} morning.",
            "Work continues on the {noun} near {town}.")), section)
        credit = site.credit.format(short=site.short, name=self.vocab.name(),
                                    agency=rng.choice(AGENCIES), site=site.name)
        return f"{what} {credit}"

    def date(self, fmt: str) -> str:
        rng = self.rng
        month, hour = rng.randrange(12), rng.randint(1, 12)
        return fmt.format(month=MONTHS[month], mon=MONTHS[month][:3], dom=rng.randint(1, 28),
                          year=rng.randint(2019, 2025), hour=hour, hh=f"{hour + 6:02d}",
                          minute=f"{rng.randrange(60):02d}", ampm=rng.choice(("am", "pm")),
                          AMPM=rng.choice(("AM", "PM")), dd=f"{rng.randint(1, 28):02d}",
                          mm=f"{month + 1:02d}", weekday=rng.choice(DAYS))

    def page_end(self, site: Site, section: str) -> list[str]:
        """Tags, related stories, newsletter, comments, most read, footer."""
        rng, heads = self.rng, self.pools.headlines[section]
        nouns = SECTIONS[section][0]
        lines = [f"Tags: {', '.join(rng.sample(nouns, 3))}"] if rng.random() < 0.5 else []
        lines += [site.related.format(section=section)]
        for head in rng.sample(heads, rng.randint(3, 8)):
            lines += [head, f"{rng.randint(2, 23)} hours ago"] if site.ads else [head]
        lines += site.newsletter
        if site.comments:
            lines += [f"{rng.randint(0, 240)} Comments", *site.comments]
            for _ in range(rng.choice((0, 0, 1, 2, 3))):
                lines += [f"{self.vocab.name()} says:",
                          self.date("{month} {dom}, {year} at {hour}:{minute} {ampm}"),
                          self.paragraph(section, rng.randint(1, 3)), "Reply"]
        lines += site.junk
        if rng.random() < 0.4:
            lines.append("Most Read")
            for i, head in enumerate(rng.sample(heads, 5), 1):
                lines += [str(i), head]
        return [*lines, *site.follow, *site.footer]

    def records(self, mojibake_rate: float = 0.02) -> Iterator[Record]:
        """Pages without end; ``mojibake_rate`` of them decoded the wrong way."""
        n = 0
        while True:
            url, text = self.page(n)
            if self.rng.random() < mojibake_rate:
                text = mojibake(text)
            yield Record(f"doc-{n:08d}", url, text)
            n += 1


@cache
def _moji_char(char: str) -> str:
    """What ``char`` becomes when its UTF-8 bytes are read as Windows-1252 (bytes that
    Windows-1252 leaves undefined pass through as Latin-1, as browsers do)."""
    out = []
    for byte in char.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def mojibake(text: str) -> str:
    """``text`` as UTF-8 read as Windows-1252: "Iraq’s" → "Iraqâ€™s".

    >>> mojibake("Iraq’s café")
    'Iraqâ€™s cafÃ©'
    """
    return text.translate({ord(c): _moji_char(c) for c in set(text) if ord(c) > 127})


# --- writing -----------------------------------------------------------------------------

def _encode(record: Record, fmt: str, first: bool) -> bytes:
    if fmt == "jsonl":
        line = json.dumps({"id": record.id, "url": record.url, "text": record.text},
                          ensure_ascii=False)
        return (line + "\n").encode("utf-8")
    return ("" if first else "\f\n").encode() + record.text.encode("utf-8")


def write_dump(out: Path, size_mb: float, fmt: str = "jsonl", seed: int = 1,
               mojibake_rate: float = 0.02, multi_rate: float = 0.3) -> tuple[int, int]:
    """Write pages to ``out`` until it holds ``size_mb`` MB (before compression); a ``.zst``
    name is compressed with zstandard.  Returns (documents, bytes).  The file appears
    atomically (written beside it, then renamed)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    limit = int(size_mb * MB)
    docs = written = 0
    with open(tmp, "wb") as raw:
        sink: IO[bytes] = (zstandard.ZstdCompressor(level=3).stream_writer(raw)  # type: ignore[assignment]
                           if out.suffix == ".zst" else raw)
        for record in PageMaker(seed, multi_rate=multi_rate).records(mojibake_rate):
            data = _encode(record, fmt, docs == 0)
            sink.write(data)
            docs, written = docs + 1, written + len(data)
            if written >= limit:
                break
        if sink is not raw:
            sink.close()
    tmp.replace(out)
    return docs, written


def default_path(size_mb: float, fmt: str = "jsonl", seed: int = 1) -> Path:
    """Where the benchmark keeps a generated dump of this size."""
    ext = "jsonl" if fmt == "jsonl" else "txt"
    return DATA / f"news-{size_mb:g}mb-seed{seed}.{ext}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=200, help="output size (default 200)")
    parser.add_argument("--out", type=Path, help="output file (.zst compresses); "
                        "default benchmarks/data/news-<size>mb-seed<seed>.<ext>")
    parser.add_argument("--format", choices=("jsonl", "text"), default="jsonl")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mojibake-rate", type=float, default=0.02)
    parser.add_argument("--multi-rate", type=float, default=0.3,
                        help="share of pages with more than one story")
    args = parser.parse_args(argv)
    out = args.out or default_path(args.size_mb, args.format, args.seed)
    docs, size = write_dump(out, args.size_mb, args.format, args.seed, args.mojibake_rate,
                            args.multi_rate)
    print(f"{out}: {docs} documents, {size / MB:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Chrome knowledge as data: one table per class of page furniture.

Each class has
  * ``phrases``: whole lines that are this chrome, compared after ``line_key`` (case-folded,
    punctuation and counts at the edges stripped): "Share this:" and "SHARE" are one entry;
  * ``patterns``: named regular expressions for lines of that class, each with a comment and
    an example line it must match (the tests check every example, and run every pattern on
    long adversarial lines: none may backtrack catastrophically);
  * ``max_words``: longer lines are never tested (a paragraph is not a share button).

Patterns are anchored (``match``) and built from bounded repetitions, so a line costs at most
a few microseconds whatever it holds.  Add a site's own chrome with ``--rules FILE`` instead
of editing these tables (see ``newsconv.rules``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Pattern:
    """A named regular expression for lines of one class.

    Without ``triggers`` the pattern is anchored at the start of the line.  With triggers it
    is searched anywhere in the line, and only on lines that contain one of the trigger
    strings (lower case) — a pattern that may start anywhere costs nothing on other lines.
    """

    name: str
    regex: str
    comment: str
    example: str
    triggers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChromeClass:
    name: str
    comment: str
    phrases: tuple[str, ...] = ()
    patterns: tuple[Pattern, ...] = ()
    max_words: int = 12


_SOCIAL = (r"(?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|tumblr|telegram|e-?mail"
           r"|google\+?|flipboard|pocket|messenger|instagram|youtube|vk|weibo|wechat|line|mix"
           r"|threads|bluesky|mastodon|sms|print|rss)")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januari|februari|maret"
          r"|mei|juni|juli|agustus|oktober|desember|janvier|février|mars|avril|mai|juin"
          r"|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo"
          r"|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|januar|februar|märz"
          r"|dezember)\.?")
_DATE = (rf"(?:{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?,?\s\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s{_MONTH},?\s\d{{4}}"
         r"|\d{4}-\d{2}-\d{2}(?:t[\d:.]{5,12}z?)?|\d{1,2}[./]\d{1,2}[./]\d{2,4})")
_WEEKDAY = (r"(?:mon|tue|wed|thu|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim|mié|jue|vie|sáb|dom"
            r"|mo|di|mi|do|fr|sa|so)[a-zäéè]{0,7}\.?")
_TIME = r"(?:\d{1,2}:\d{2}(?::\d{2})?\s?(?:[ap]\.?m\.?)?(?:\s?[a-z]{2,4})?)"
# A capitalised name word (case-sensitive even inside the case-insensitive tables), or a
# lower-case particle of a surname.
_NAME = (r"(?-i:[A-Z][\w'’.-]{0,20}|[A-Z]\.|(?:van|von|de|da|del|der|di|du|la|le|bin|al|el"
         r"|ibn|dos|ter))")


CLASSES: tuple[ChromeClass, ...] = (
    ChromeClass(
        "counter",
        "view, post, comment, share and like counters and picture numbering",
        phrases=(),
        patterns=(
            Pattern("post-number", r"(?:post|article|story|entry)\s?(?:no\.?|#)?\s?\d{1,9}$",
                    "a blog's post counter", "Post 7876"),
            Pattern("bare-number", r"[\d.,]{1,9}\s?[km]?$",
                    "a lone number: a share or comment count, a list index", "4553"),
            Pattern("count-of", r"[\d.,]{1,9}\s?[km]?\s(?:comments?|shares?|views?|likes?|reads?"
                    r"|replies|reactions?|retweets?|votes?|responses?|notes?|komentar)$",
                    "a count followed by what it counts", "0 Comments"),
            Pattern("what-count", r"(?:comments?|shares?|views?|likes?|replies)\s?[:(]?\s?"
                    r"[\d.,]{1,9}\)?$", "what is counted followed by the count", "Comments (12)"),
            Pattern("image-n-of-m", r"(?:image|photo|picture|slide|page)?\s?\d{1,4}\s?(?:of|/)\s?"
                    r"\d{0,4}$", "picture numbering in a gallery", "Image 1 of 23"),
            Pattern("read-time", r"(?:\d{1,3}\s?(?:-\s?)?min(?:ute)?s?\.?\s(?:read|listen|watch)"
                    r"|reading time:?\s?\d{1,3}\s?min(?:ute)?s?)$",
                    "estimated reading time", "4 min read"),
        ),
        max_words=6,
    ),
    ChromeClass(
        "share",
        "share, follow, save and print buttons",
        phrases=(
            "share", "share this", "share this article", "share this story", "share on",
            # other languages: German, French, Spanish, Portuguese, Italian, Dutch,
            # Indonesian, Russian, Japanese, Chinese, Korean
            "teilen", "drucken", "partager", "imprimer", "compartir", "imprimir",
            "compartilhar", "condividi", "stampa", "delen", "bagikan", "поделиться",
            "シェア", "ツイート", "いいね", "分享", "转发", "打印", "공유", "트윗", "인쇄",
            "share article", "share this post", "share via", "share it", "share the story",
            "tweet", "pin it", "email", "print", "copy", "copy link", "copied", "link copied",
            "save", "save article", "save for later", "bookmark", "follow", "follow us",
            "like this", "like", "more", "share it with friends", "print this article",
            "print this page", "print article", "email this article", "send", "whatsapp",
            "facebook", "twitter", "linkedin", "reddit", "pinterest", "tumblr", "telegram",
            "flipboard", "google", "messenger", "instagram", "youtube", "rss", "rss feed",
            "google+", "share this:", "share or comment on this article", "get short url",
            "share on facebook", "share on twitter", "share on linkedin", "share via email",
            "comment", "gift article", "listen to article", "listen", "text size", "a a a",
            "share it with a friend", "like this story? share it with a friend",
            "stumbleupon", "blogger", "more sharing options", "share by email",
        ),
        patterns=(
            Pattern("network-list", rf"(?:share\s(?:on|via|to)\s?:?\s?)?(?:{_SOCIAL}[\s,|/•·]{{0,3}}){{2,12}}$",
                    "a row of social network names", "Facebook Twitter Email"),
            Pattern("share-on", rf"(?:share|post|send|pin)\s(?:this\s\w{{1,12}}\s)?(?:on|to|via|by)\s{_SOCIAL}",
                    "a button that shares to one network", "Share on Facebook"),
            Pattern("follow-on", rf"(?:follow|like|join|find|subscribe to)\s(?:us|me|\w{{1,20}})\s(?:on|at|via)\s{_SOCIAL}",
                    "an invitation to follow the site on a network", "Follow us on Twitter"),
            Pattern("follow-handle", r"(?:follow\s)?@\w{1,30}$", "a social handle alone",
                    "@BryanDeArdo"),
            Pattern("share-counted", r"share(?:s|d)?\s?[\d.,]{0,9}\s?(?:times)?$",
                    "a share button with its count", "Shares 132"),
        ),
        max_words=14,
    ),
    ChromeClass(
        "gallery",
        "photo-gallery and video-player buttons",
        phrases=(
            "view photos", "view photo", "view gallery", "view the gallery", "view slideshow",
            "view all photos", "see photos", "see gallery", "open gallery", "launch gallery",
            "back to gallery", "gallery", "photo gallery", "photos", "photo", "image",
            "enlarge this image", "enlarge", "expand", "close", "caption", "hide caption",
            "toggle caption", "show caption", "previous", "next", "previous next",
            "prev next", "play video", "watch video", "watch", "video", "replay", "fullscreen",
            "full screen", "click to enlarge", "zoom", "thanks for watching",
            "thanks for watching!", "up next", "autoplay", "video player", "skip ad",
            "photo: file", "main article image", "swipe", "embed", "slideshow",
        ),
        patterns=(
            Pattern("view-n-photos", r"(?:view|see|open|show|browse)\s(?:all\s)?(?:\d{1,4}\s)?"
                    r"(?:more\s)?(?:photos?|pictures?|images?|slides?|gallery|videos?)",
                    "a gallery button, maybe with a count", "View 23 photos"),
            Pattern("gallery-named", r"\s(?:photo\s)?gallery$",
                    "a gallery's heading", "Audi e-tron Gallery", ("gallery",)),
            Pattern("file-name", r"^[\w.-]{1,80}\.(?:jpe?g|png|gif|webp|svg|mp4)$",
                    "an image's file name shown as its alt text", "airpods-pro-2.jpg",
                    (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".mp4")),
            Pattern("duration", r"(?:now playing:?\s?)?\d{1,2}:\d{2}(?::\d{2})?$",
                    "a video's running time", "2:45"),
        ),
        max_words=8,
    ),
    ChromeClass(
        "comment-form",
        "comment threads and forms of the common blog engines (WordPress, Blogger, Disqus)",
        phrases=(
            "leave a reply", "leave a comment", "leave a reply cancel reply", "cancel reply",
            "post a comment", "post comment", "add a comment", "add comment", "comments",
            "comment", "no comments", "view comments", "show comments", "load comments",
            "loading comments", "loading comments...", "join the conversation",
            "join the discussion", "discussion", "reply", "report", "report comment",
            "newer post older post home", "newer post", "older post", "subscribe to: post comments (atom)",
            "post comments (atom)", "comments powered by disqus", "blog comments powered by disqus",
            "disqus", "connecting to %s", "name", "name *", "email *", "website", "required",
            "fill in your details below or click an icon to log in", "logo", "google photo",
            "twitter picture", "facebook photo", "wordpress.com logo", "notify me of new comments via email",
            "notify me of new posts via email", "notify me of follow-up comments by email",
            "notify me of new posts by email", "comments are closed", "comments closed",
            "you must be logged in to post a comment", "sort by", "newest", "oldest",
            "best", "top comments", "reader comments", "show more comments", "log in to reply",
            "like reply", "reply like", "flag", "upvote", "downvote", "see all comments",
            "be the first to comment", "start the conversation", "comment policy",
            "kommentare", "schreiben sie einen kommentar", "kommentar schreiben",
            "commentaires", "laisser un commentaire", "comentarios", "deja un comentario",
            "comentários", "commenti", "lascia un commento", "reacties", "komentar",
            "комментарии", "コメント", "コメントする", "评论", "发表评论", "댓글",
            "commenting guidelines", "you may like these posts",
        ),
        patterns=(
            Pattern("commenting-as", r"you are commenting using your\s?(?:[\w.]{1,20}\s)?account",
                    "WordPress: the logged-in state of the comment form",
                    "You are commenting using your Twitter account. Log Out / Change )"),
            Pattern("log-out-change", r"log\s?out\s?/\s?change\s?\)?$",
                    "WordPress: the log-out link of the comment form", "Log Out / Change )",
                    ("log out", "logout")),
            Pattern("email-not-published", r"your email address will not be published",
                    "WordPress: the form's privacy line",
                    "Your email address will not be published. Required fields are marked *"),
            Pattern("save-my-name", r"save my name,? e-?mail,? and website",
                    "WordPress: the cookie-consent checkbox of the form",
                    "Save my name, email, and website in this browser for the next time I comment."),
            Pattern("n-responses", r"(?:\d{1,6}|one|two|no)\s(?:responses?|thoughts?|replies|comments?)"
                    r"\s(?:to|on)\s", "WordPress: the heading of the comment thread",
                    "2 responses to “A headline”"),
            Pattern("disqus", r"powered by disqus|enable javascript to view the comments",
                    "Disqus: its embed notice",
                    "Please enable JavaScript to view the comments powered by Disqus.",
                    ("disqus", "javascript")),
            Pattern("blogger-subscribe", r"subscribe to:?\s(?:post comments|comments|posts)\s?\((?:atom|rss)\)",
                    "Blogger: the feed links under a post", "Subscribe to: Post Comments (Atom)"),
            Pattern("comments-n", r"(?:\d{1,6}\s)?comments?\s?(?:\(\d{1,6}\)|:)?$",
                    "a comment-thread header", "Comments (3)"),
            Pattern("said-header", rf"\s(?:on|at|-|–|—|\|)\s?(?:{_DATE}|{_MONTH}\s\d{{1,2}})"
                    rf"(?:,?\s(?:at\s)?{_TIME})?\s?(?:said|says|wrote|commented|replied)\s?:?$",
                    "a comment's header: who, when, said",
                    "Alex on September 17, 2018 at 6:34 am said:",
                    ("said", "says", "wrote", "commented", "replied")),
            Pattern("says-header", r"^(?-i:[A-Z])[\w .'’()-]{0,40}\s(?:says|wrote|commented|replied):$",
                    "a comment's header: who said", "Gary M says:",
                    ("says:", "wrote:", "commented:", "replied:")),
            Pattern("reply-to", r"(?:reply|replies)\s(?:to|from)\s[\w .'-]{1,40}$",
                    "a reply link of a thread", "Reply to Maria"),
            Pattern("posted-by-ago", r"\s?[·•|-]?\s?\d{1,3}\s(?:seconds?"
                    r"|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\sago$",
                    "a commenter's name with a relative timestamp", "JohnD · 3 hours ago",
                    (" ago",)),
        ),
        max_words=24,
    ),
    ChromeClass(
        "subscribe",
        "newsletter, subscription and membership prompts",
        phrases=(
            "subscribe", "subscribe now", "sign up", "sign up now", "sign up today",
            "newsletter", "newsletters", "newsletter sign-up", "get the newsletter",
            "subscribe to our newsletter", "sign up for our newsletter", "join our newsletter",
            "enter your email address", "enter your email", "email address", "your email",
            "thanks for signing up!", "thanks for signing up", "thank you for subscribing",
            "you're all set", "submit", "sign me up", "get it now", "see all newsletters",
            "privacy policy", "no spam, we promise", "unsubscribe at any time", "subscriber",
            "subscribers only", "become a member", "support us", "donate", "contribute",
            "support independent journalism", "digital edition", "e-paper", "epaper",
            "subscribe to our digital edition", "already a subscriber? log in",
            "already a subscriber?", "register", "sign in", "log in", "login", "log out",
            "my account", "create account", "create an account", "sign in to continue",
        ),
        patterns=(
            Pattern("subscribe-to", r"(?:subscribe|sign\s?up|register|join)\s(?:to|for|now|today)\b.{0,80}"
                    r"(?:newsletter|updates|inbox|alerts|digest|edition|briefing|magazine|channel|email)",
                    "an invitation to subscribe", "Sign up for our daily newsletter"),
            Pattern("inbox", r"(?:delivered|straight|directly|sent)\s(?:to|into)\s(?:your|you)"
                    r"\s?(?:inbox|e-?mail)", "the promise of a newsletter",
                    "Get the best stories delivered to your inbox", ("inbox", "mail")),
            Pattern("thanks-signup", r"(?:thanks|thank you)\s(?:for\s)?(?:signing up|subscribing|"
                    r"registering)", "a sign-up confirmation", "Thanks for signing up!"),
            Pattern("opt-in", r"(?:please\s)?(?:check|tick)\s(?:the\s)?opt-?in", "a consent checkbox",
                    "Please check the opt-in box to acknowledge that you would like to subscribe."),
            Pattern("error-subscription", r"(?:(?:sorry|oops)[!,.]?\s)?(?:there (?:was|has been) an|an)\serror",
                    "a form's error message", "There was an error processing your subscription."),
            Pattern("subscribe-site", r"subscribe to\s[\w’'. -]{1,40}(?:by e-?mail|on youtube|for \$?\d)",
                    "subscribe to a named site or channel", "Subscribe to AppleInsider on YouTube"),
            Pattern("paywall", r"subscribers? only|for subscribers|to continue reading"
                    r"|continue reading with|unlimited (?:digital )?access",
                    "a paywall prompt", "Subscribe for unlimited digital access",
                    ("subscriber", "continue reading", "unlimited")),
        ),
        max_words=30,
    ),
    ChromeClass(
        "cookie",
        "cookie, consent and privacy notices (GDPR banners)",
        phrases=(
            "accept", "accept all", "accept cookies", "accept all cookies", "reject all",
            "cookie settings", "cookie policy", "manage cookies", "manage preferences",
            "i agree", "agree", "got it", "ok", "okay", "i accept", "allow cookies",
            "your privacy", "privacy settings", "do not sell my personal information",
            "do not sell my info", "your california privacy rights", "ad choices", "adchoices",
            "interest based ads", "privacy notice", "cookie preferences",
        ),
        patterns=(
            Pattern("uses-cookies", r"\b(?:uses?|using|place|set|store)\s(?:of\s)?(?:\w{1,15}\s){0,2}cookies",
                    "a site says it uses cookies",
                    "This website uses cookies to improve your experience.", ("cookie",)),
            Pattern("by-continuing", r"by (?:continuing|clicking|using|browsing)\b.{0,120}"
                    r"(?:agree|consent|accept)", "consent by continued use",
                    "By continuing to browse the site you agree to our use of cookies.",
                    ("by continuing", "by clicking", "by using", "by browsing")),
            Pattern("consent", r"consent to|manage your consent|privacy preferences"
                    r"|personal data|we and our partners", "a consent banner's wording",
                    "We and our partners process personal data.",
                    ("consent", "privacy preferences", "personal data", "our partners")),
            Pattern("personalise", r"personali[sz]e (?:your|the) (?:experience|content|ads)"
                    r"|personali[sz]ed (?:ads|advertising|content)|tailored advertising",
                    "a notice about personalised content or ads",
                    "This feature allows the site to personalise your experience.",
                    ("personalis", "personaliz", "tailored advertising")),
        ),
        max_words=60,
    ),
    ChromeClass(
        "navigation",
        "menus, breadcrumbs, search boxes and page navigation",
        phrases=(
            "home", "menu", "main menu", "search", "search for:", "skip to content",
            "startseite", "suche", "accueil", "recherche", "inicio", "buscar", "início",
            "beranda", "главная", "поиск", "ホーム", "トップ", "検索", "首页", "搜索", "홈",
            "검색", "anmelden", "se connecter", "iniciar sesión", "entrar", "войти",
            "ログイン", "登录", "로그인", "impressum", "datenschutz",
            "skip to main content", "skip to navigation", "jump to", "back to top",
            "return to top", "scroll back to top", "top", "sections", "more sections",
            "navigation", "toggle navigation", "open menu", "close menu", "all sections",
            "next article", "previous article", "next story", "previous story", "next post",
            "previous post", "see all", "view all", "show more", "load more", "read more",
            "more stories", "go", "about", "about us", "contact", "contact us", "faq",
            "terms of use", "terms of service", "terms & conditions", "terms and conditions",
            "careers", "advertise", "advertise with us", "site map", "sitemap", "archives",
            "help", "rss feeds", "topics", "categories", "tags", "tags:", "filed under",
            "latest", "latest news", "breaking news", "trending", "trending now", "popular",
            "top stories", "featured", "editor's picks", "video", "opinion", "world", "news",
            "sports", "business", "politics", "entertainment", "lifestyle", "technology",
            "science", "health", "travel", "culture", "local", "national", "weather",
            "markets", "money", "style", "food", "arts", "books", "obituaries", "classifieds",
            "jobs", "cars", "real estate", "games", "puzzles", "horoscope", "podcasts",
            "subscriptions", "edition", "english", "language", "translate", "more news",
            "loading", "loading...", "please wait", "close window", "scroll to top",
        ),
        patterns=(
            Pattern("breadcrumb", r"(?:home|start|inicio|accueil|startseite)\s?(?:[>»›/|:]|\s-\s)\s?.{1,80}$",
                    "a breadcrumb trail starting at Home", "Home > News > World"),
            Pattern("glued-breadcrumb", r"home[A-Z][\w ]{1,40}(?:[A-Z][\w ]{1,60})?$",
                    "a breadcrumb whose separators were lost", "HomeWorld News"),
            Pattern("pipe-menu", r"^(?:[\w&’'.-]{1,20}(?:\s[\w&’'.-]{1,20}){0,2}\s?[|•·»]\s?){2,20}"
                    r"[\w&’'.-]{1,20}(?:\s[\w&’'.-]{1,20}){0,2}$",
                    "menu items separated by bars or bullets", "News | Sport | Weather | Travel",
                    ("|", "•", "·", "»")),
            Pattern("category-count", r"^[\w &’'.-]{1,40}\s\(\d{1,7}\)$",
                    "a category with its post count", "Travel (1465)", (")",)),
            Pattern("page-n", r"(?:page\s\d{1,4}(?:\sof\s\d{1,4})?|\d{1,3}(?:\s\d{1,3}){1,10}\s(?:next|›|»)"
                    r"|(?:previous|prev|«|‹)\s(?:\d{1,3}\s?){1,10})$",
                    "pagination", "Page 2 of 5"),
        ),
        max_words=16,
    ),
    ChromeClass(
        "advertisement",
        "advertising slots and sponsored-content labels",
        phrases=(
            "advertisement", "advertisements", "advertising", "ad", "ads", "sponsored",
            "sponsored content", "sponsored links", "sponsored stories", "paid content",
            "paid post", "promoted", "promoted content", "partner content", "from our partners",
            "continue reading below", "story continues below advertisement",
            "article continues below advertisement", "content continues below",
            "werbung", "anuncio", "pubblicità", "advertentie",
            "story continues below", "continue reading", "advertisement - scroll to continue",
            "report this ad", "ad feedback", "iklan", "anzeige", "publicité", "publicidad",
            "реклама", "광고", "广告", "広告", "sponsored advert", "recommended by",
        ),
        patterns=(
            Pattern("ad-label", r"(?:advertisement|sponsored|anzeige|publicidad|publicité)\s?[-–—:|]"
                    r"\s?.{1,60}$", "an ad slot's label with the advertiser",
                    "ADVERTISEMENT – Star Tours"),
            Pattern("ad-size", r"(?:ad\s?)?\d{2,4}\s?x\s?\d{2,4}(?:\sad)?$", "an ad slot's size",
                    "300x250"),
            Pattern("affiliate", r"(?:may earn|earns?|receive)\s(?:a|an)\s"
                    r"(?:small\s)?(?:commission|affiliate)", "an affiliate-link disclosure",
                    "We may earn a commission from links on this page.", ("commission", "affiliate")),
        ),
        max_words=40,
    ),
    ChromeClass(
        "related",
        "related-story lists, teasers and recirculation headers",
        phrases=(
            "related", "related articles", "related stories", "related posts", "related content",
            "mehr zum thema", "das könnte sie auch interessieren", "à lire aussi",
            "sur le même sujet", "lire aussi", "te puede interesar", "noticias relacionadas",
            "leia também", "veja também", "leggi anche", "artikel terkait", "baca juga",
            "читайте также", "похожие статьи", "関連記事", "関連ニュース", "相关文章",
            "相关新闻", "관련기사", "관련 기사",
            "related coverage", "related links", "related news", "related topics",
            "related video", "related videos", "read more", "read more:", "read next",
            "see also", "also read", "also see", "more:", "more", "more from", "more on this",
            "more stories", "more news", "more like this", "you may also like",
            "you might also like", "you may like", "recommended", "recommended for you",
            "most popular", "most read", "most viewed", "most shared", "most commented",
            "popular now", "trending stories", "top stories", "what to read next",
            "don't miss", "dont miss", "in case you missed it", "we recommend", "around the web",
            "from the web", "elsewhere", "must read", "editor's picks", "latest stories",
            "next up", "keep reading", "story timeline", "more in this category",
            "you may have missed", "previous article", "next article", "popular on",
        ),
        patterns=(
            Pattern("related-colon", r"(?:related|read more|read also|also read|see also|more|read|"
                    r"watch|listen|also|click here|recommended|don'?t miss|must read|"
                    r"baca juga|lihat juga|lire aussi|lesen sie auch|leia também|mehr)\s?:\s?.{1,160}$",
                    "a label followed by a linked headline", "Related: The 15 Weirdest Galaxies"),
            Pattern("also-on", r"(?:also|more|read more|elsewhere)\s(?:on|from|at)\s[\w.-]{2,30}"
                    r"(?:\.\w{2,4})?\b.{0,160}$",
                    "a teaser for a story elsewhere on the site", "Also on rt.com Journalists ..."),
            Pattern("on-site", r"(?:on|more on|read more on|more at)\s[\w]{1,30}\.(?:com|org|net|co\.uk)\s?:"
                    r".{1,160}$", "a teaser naming the site", "On HoustonChronicle.com: Car sales"),
            Pattern("more-great", r"(?:more|other|further|recommended|similar|latest|trending|popular)"
                    r"\s(?:\w{1,20}\s){0,3}(?:stories|articles|news|posts|reads|videos|guides|reviews)"
                    r"(?:\s(?:for you|you might like|like this|on this topic))?:?$",
                    "a header above a list of story links", "More Great WIRED Stories"),
            Pattern("more-from", r"(?:more|latest|top|popular|other)\s(?:stories|news|articles|posts|videos?)"
                    r"\s(?:from|on|in|about|by)\s.{1,60}$",
                    "a recirculation header naming a section or author", "More stories from Science"),
            Pattern("popular-on", r"(?:popular|trending|most read|most popular)\s(?:on|at|in)\s.{1,40}$",
                    "a most-popular box naming the site", "Popular on IndieWire"),
            Pattern("click-here", r"(?:click here|tap here|clicking here)\b",
                    "a call to click a link", "READ MORE ON FOX BUSINESS BY CLICKING HERE",
                    ("click", "tap here")),
            Pattern("emoji-bullet", r"[\U0001F300-\U0001FAFF\u2600-\u27BF]\s?[\w\s]",
                    "a promotional link behind an emoji bullet",
                    "\U0001F441 A safer way to protect your data; plus, our latest news"),
            Pattern("photo-suffix", r"^.{8,160}\s-\s(?:photo|video|photos|gallery)$",
                    "a teaser link marked as a photo or video story",
                    "No cause yet in New Canaan fire - Photo",
                    ("- photo", "- video", "- gallery")),
        ),
        max_words=30,
    ),
    ChromeClass(
        "copyright",
        "copyright, legal and site-footer lines",
        phrases=("all rights reserved", "all rights reserved.", "terms", "privacy",
                 "privacy policy", "cookies", "legal", "imprint", "impressum", "accessibility",
                 "accessibility statement", "code of ethics", "corrections"),
        patterns=(
            Pattern("copyright-sign", r"(?:©|\(c\)|copyright|&copy;)\s?.{0,160}$",
                    "a copyright notice", "© 2019 Hearst Communications, Inc."),
            Pattern("rights-reserved", r"all rights reserved",
                    "a rights statement", "Example Media Ltd. All Rights reserved.",
                    ("all rights reserved",)),
            Pattern("powered-by", r"(?:proudly\s)?(?:powered by|designed by|developed by|"
                    r"theme by|built with)\b.{0,60}$", "a site's technical credit",
                    "Powered by WordPress"),
        ),
        max_words=30,
    ),
    ChromeClass(
        "legal",
        "disclaimers, trademark notices and terms below a page",
        patterns=(
            Pattern("trademarks", r"(?:are|is a|are the) (?:registered )?trademarks? of",
                    "a trademark notice",
                    "Apple and iPad are registered trademarks of Apple Inc.", ("trademark",)),
            Pattern("not-evaluated", r"not been evaluated by|not intended to (?:diagnose|treat|"
                    r"replace)|consult (?:your|a) (?:physician|doctor|healthcare)",
                    "a health disclaimer",
                    "These statements have not been evaluated by the Food and Drug "
                    "Administration.", ("evaluated", "not intended", "consult")),
            Pattern("for-information", r"for (?:general )?informational purposes only|does not "
                    r"constitute (?:medical|legal|financial|investment|professional) advice"
                    r"|is not (?:a substitute for|intended as) (?:medical|legal|professional)",
                    "an advice disclaimer",
                    "This content is for informational purposes only.",
                    ("informational", "constitute", "substitute", "intended as")),
            Pattern("results-vary", r"results (?:may )?vary", "a results disclaimer",
                    "Results vary depending on starting point and effort.", ("results",)),
            Pattern("information-provided", r"the information (?:provided|contained) on this "
                    r"(?:web ?site|site|page)", "a site-wide disclaimer",
                    "The information provided on this website is general.",
                    ("information provided", "information contained")),
        ),
        max_words=80,
    ),
    ChromeClass(
        "byline",
        "bylines and author lines",
        patterns=(
            Pattern("by-name", rf"(?:by|von|por|par|oleh|door|di|av|af)\s?:?\s{_NAME}(?:\s{_NAME}){{0,4}}"
                    rf"(?:\s?(?:,|and|&|und|y|et)\s{_NAME}(?:\s{_NAME}){{0,3}}){{0,3}}"
                    r"(?:\s?[,|–—-]\s?.{0,80})?$",
                    "'By' and one or more names, maybe a role or date after",
                    "By Jason Cipriani | November 18, 2019"),
            Pattern("posted-by", r"(?:posted|published|written|filed)\s(?:on|by|in)\s.{1,100}$",
                    "a blog engine's post line", "Posted on March 30, 2015 by Admin"),
            Pattern("name-date", rf"{_NAME}(?:\s{_NAME}){{1,3}}\s?[,|–—•-]\s?(?:{_DATE}|\d{{1,2}}\s?(?:hours?|days?)\sago)"
                    r".{0,40}$", "an author's name and a date",
                    "Chris Davies - Nov 19, 2019, 10:31 pm CST"),
            Pattern("name-role", rf"{_NAME}(?:\s{_NAME}){{1,3}},\s(?:(?:the\s)?(?:associated press|ap|afp"
                    r"|reuters)\s)?(?:staff\s|senior\s|chief\s|contributing\s|auto\s)?(?:writer|reporter|"
                    r"correspondent|editor|contributor|columnist)\b.{0,40}$",
                    "an author's name and role", "Tom Krisher, AP Auto Writer"),
            Pattern("date-by", rf"(?:{_DATE})\s?[|•·,–—-]\s?by\s?:?\s.{{1,60}}$",
                    "a date followed by the author", "February 1, 2019 | BY: Jane Doe, MS, RDN"),
            Pattern("author-label", r"(?:author|autor|auteur|penulis|writer|reporter)s?\s?:\s?.{1,60}$",
                    "a labelled author line", "Author: Jane Doe"),
        ),
        max_words=16,
    ),
    ChromeClass(
        "bio",
        "author boxes: the writer introduced after the article",
        patterns=(
            Pattern("about-author", r"about the (?:author|writer|contributor)s?$",
                    "the header of an author box", "About the author"),
            Pattern("author-bio", r"^(?-i:[A-Z])[\w.'’-]{1,25}(?:\s(?-i:[A-Z])[\w.'’-]{0,25}){0,3}\sis\san?\s"
                    r"(?:[\w-]{1,20}\s){0,4}(?:writer|reporter|editor|journalist|correspondent"
                    r"|columnist|producer|contributor|author|blogger|freelancer)\b",
                    "an author box: the writer introduced in the third person",
                    "Ana Lind is a staff writer at the Courier covering transport.",
                    (" is a ", " is an ")),
        ),
        max_words=60,
    ),
    ChromeClass(
        "timestamp",
        "dates, times and 'updated' lines on their own",
        patterns=(
            Pattern("date-line", rf"[|•·–—-]?\s?(?:(?:published|updated|posted|last updated|modified"
                    rf"|created|date)\s?:?\s?(?:on\s)?)?(?:{_WEEKDAY},?\s)?(?:{_DATE}|{_TIME})"
                    rf"(?:[\s,|•·@-]{{1,4}}(?:at\s)?(?:{_DATE}|{_TIME}|\w{{3,9}}|\d{{1,2}}\s?min\s?read"
                    r"|[a-z]{2,4})){0,5}\.?$",
                    "a date or time, maybe labelled and with a time zone",
                    "Updated 1:39 am EST, Wednesday, November 20, 2019"),
            Pattern("labelled-date", r"(?:published|updated|posted|last updated|modified|created|"
                    r"date|veröffentlicht|publié|publicado|aktualisiert)\s?:?\s[^|]{0,40}\d[^|]{0,40}"
                    r"(?:\|\s?(?:updated|modified|last updated)\s?:?\s.{0,50})?$",
                    "a labelled publication or update date",
                    "PUBLISHED: 00:01, Tue, Nov 19, 2019 | UPDATED: 10:43, Tue, Nov 19, 2019"),
            Pattern("relative-time", r"(?:updated\s|posted\s|published\s)?(?:about\s)?(?:\d{1,3}|an?|one)\s"
                    r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\sago$",
                    "a relative time", "3 hours ago"),
            Pattern("time-date-glued", r"\d{1,2}:\d{2}\s?\d{1,2}\.\d{1,2}\.\d{2,4}.{0,30}$",
                    "a European time and date run together", "21:17 18.11.2019Get short URL"),
            Pattern("day-month", rf"\d{{1,2}}\s{_MONTH}(?:,?\s\d{{2,4}})?(?:\s{_TIME})?$",
                    "a day and month", "19 NOV 2019"),
            Pattern("cjk-date", r"\d{2,4}\s?[年년]\s?\d{1,2}\s?[月월]\s?\d{1,2}\s?[日일](?:\s?\(.\))?"
                    r"(?:\s?\d{1,2}[:時시]\d{0,2}分?)?$",
                    "a Chinese, Japanese or Korean date", "2025年4月6日"),
            Pattern("month-day", rf"{_MONTH}\s\d{{1,2}}(?:,?\s\d{{2,4}})?$", "a month and day",
                    "November 20"),
            Pattern("time-year", r"\d{1,2}:\d{2}\s\d{4}$", "a time and a year", "15:23 2019"),
        ),
        max_words=14,
    ),
    ChromeClass(
        "credit",
        "photo and media credits on their own line",
        phrases=("getty images", "getty", "ap", "afp", "reuters", "shutterstock", "istock",
                 "istockphoto", "alamy", "file photo", "handout", "stock image", "ap photo",
                 "afp photo", "reuters photo", "epa", "pa", "xinhua", "image source",
                 "photo by", "photograph", "source"),
        patterns=(
            Pattern("photo-colon", r"[(\[]?(?:photo|photos|image|images|picture|pictures|"
                    r"photograph|illustration|graphic|video|credit|image credit|photo credit|"
                    r"source|foto|bild|fotó|사진)s?(?:\s(?:by|credit|courtesy))?\s?:\s?.{1,80}$",
                    "a labelled credit", "Photo: Damian Dovarganes, AP"),
            Pattern("agency-slash", r"^[(\[]?(?:[\w.’' -]{1,40}/){1,4}\s?(?:getty images?|ap|afp|reuters|"
                    r"epa|shutterstock|istock|alamy|zuma|sipa|bloomberg|nasa|esa|"
                    r"[\w ]{1,30}(?:images|photos?|press|news|wire|times|post|agency))[)\]]?$",
                    "photographer / agency", "Sakib Ali/Hindustan Times/Getty Images", ("/",)),
            Pattern("photo-by", r"[(\[]?(?:photo|image|picture|photograph|illustration)\s(?:by|courtesy of|"
                    r"via)\s.{1,80}$", "a 'photo by' credit", "Photo by Jason Kempin/Getty Images"),
            Pattern("courtesy", r"[(\[]?courtesy(?: of)?\s.{1,60}$", "a courtesy credit",
                    "Courtesy Google"),
            Pattern("copyright-agency", r"[(\[]?©\s?[\w .’'/-]{1,60}[)\]]?$", "a © credit",
                    "© REUTERS / POOL"),
            Pattern("name-agency", rf"{_NAME}(?:\s{_NAME}){{0,3}}\s?/\s?(?:getty images|ap|afp|reuters|"
                    r"epa|shutterstock|(?-i:[A-Z][\w.]{1,20})(?:\s(?-i:[A-Z][\w.]{1,20})){0,2})$",
                    "a photographer and an agency or site", "Jason Cipriani/ZDNet"),
        ),
        max_words=14,
    ),
    ChromeClass(
        "tags",
        "tag and topic lists",
        phrases=("tags", "topics", "filed under", "categories", "keywords", "related topics"),
        patterns=(
            Pattern("tags-colon", r"(?:tags?|topics?|filed under|categories|category|keywords?|"
                    r"tagged|themen|etiquetas|étiquettes|this article is related to)\s?:?\s.{1,200}$",
                    "a labelled list of tags", "Tags: climate, energy, policy"),
        ),
        max_words=40,
    ),
    ChromeClass(
        "error",
        "script and loading messages of the page",
        phrases=("loading", "loading...", "loading ... loading ...", "please wait",
                 "javascript is disabled", "please enable javascript", "something went wrong",
                 "something went wrong with the connection!", "this may take a second or two.",
                 "loading, please wait!"),
        patterns=(
            Pattern("enable-js", r"(?:enable|turn on|activate)\s(?:javascript|js|cookies)\b",
                    "a notice asking for JavaScript", "Please enable JavaScript to view this page.",
                    ("javascript", " js", "cookies")),
            Pattern("browser-support", r"your browser (?:does not|doesn't) support|"
                    r"upgrade your browser|update your browser",
                    "an unsupported-browser notice", "Your browser does not support the video tag.",
                    ("browser",)),
        ),
        max_words=30,
    ),
)

CLASS_NAMES = tuple(c.name for c in CLASSES)

_KEY_STRIP = " \t.:;,!?•·|-–—*#>»«›‹()[]{}\"'“”‘’…"
_COUNT_SUFFIX = re.compile(r"\s?\(?\d{1,6}\)?$")


def line_key(text: str) -> str:
    """The form in which whole-line phrases are compared.

    >>> line_key("  SHARE THIS: ")
    'share this'
    >>> line_key("Comments (12)")
    'comments'
    """
    key = text.casefold().strip(_KEY_STRIP)
    if key and key[-1].isdigit() and not key.isdigit():
        key = _COUNT_SUFFIX.sub("", key).strip(_KEY_STRIP)
    return " ".join(key.split())


@dataclass(frozen=True, slots=True)
class Hit:
    """A chrome class found on a line: which class, and which phrase or pattern."""

    cls: str
    rule: str


@dataclass(frozen=True)
class Matcher:
    """All chrome tables compiled for fast lookup: a dict for whole-line phrases; for the
    anchored patterns, per first character of the line, one combined regex of the patterns
    that can start with that character (group names say class and pattern; alternatives are
    ordered by their class's max_words, widest first, so the first match is the one to
    check against the line's length); for the patterns that may match anywhere, their
    trigger strings."""

    phrases: dict[str, str]
    by_first: dict[str, re.Pattern[str]]
    other: re.Pattern[str] | None  # for lines starting with any other character
    triggers: re.Pattern[str] | None  # every trigger string, as one trie-shaped regex
    within: dict[str, tuple[tuple[int, re.Pattern[str], str, str], ...]]  # trigger -> patterns
    group_names: dict[str, tuple[str, str, int]]  # group -> class, pattern, max_words
    longest: int  # no class applies to lines with more words than this

    def match(self, text: str, words: int, key: str | None = None) -> Hit | None:
        """The chrome class of a whole line, or None (``key``: its ``line_key``, if known)."""
        code = looks_like_code(text)
        if code is not None:
            return code
        if words > self.longest:
            return None
        if key is None:
            key = line_key(text)
        cls = self.phrases.get(key)
        if cls is not None:
            return Hit(cls, f"phrase '{key}'")
        first = text[:1].lower()
        regex = self.by_first.get("0" if first.isdigit() else first, self.other)
        if regex is not None:
            m = regex.match(text)
            if m is not None and m.lastgroup is not None:
                cls, name, max_words = self.group_names[m.lastgroup]
                if words <= max_words:
                    return Hit(cls, f"pattern {name}")
        if self.triggers is not None:
            # in order of appearance (a set's order would change with the hash seed)
            for found in dict.fromkeys(self.triggers.findall(text.lower())):
                for max_words, pattern, cls, name in self.within[found]:
                    if words <= max_words and pattern.search(text):
                        return Hit(cls, f"pattern {name}")
        return None


CODE_MIN_CHARS = 80  # lines shorter than this are never taken for code
# Scripts written without spaces between words (Chinese, Japanese, Thai).
_NO_SPACE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0e7f]")
CODE_MAX_SPACE_SHARE = 0.04  # minified script, base64, a run of URLs: almost no spaces...
CODE_MIN_SYMBOL_SHARE = 0.08  # ...or script and style: many { } ; = < >


def looks_like_code(text: str) -> Hit | None:
    """Script, style sheets and encoded data that leaked into the text: a long line with
    almost no spaces, or thick with the symbols of code.

    >>> looks_like_code("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ" * 2)
    Hit(cls='code', rule='few spaces (minified script or encoded data)')
    >>> looks_like_code("function f(){return {a:1};} .x{color:red;} " * 3).cls
    'code'
    >>> looks_like_code("An ordinary sentence of article text, long enough to be tested here.") is None
    True
    """
    n = len(text)
    if n < CODE_MIN_CHARS:
        return None
    if text.count(" ") < n * CODE_MAX_SPACE_SHARE and not _NO_SPACE_SCRIPT.search(text):
        return Hit("code", "few spaces (minified script or encoded data)")
    symbols = (text.count("{") + text.count("}") + text.count(";") + text.count("=")
               + text.count("<") + text.count(">"))
    if symbols >= n * CODE_MIN_SYMBOL_SHARE:
        return Hit("code", "many { } ; = < > (script, style or markup)")
    return None


def _first_chars(regex: str) -> frozenset[str] | None:
    """The lower-case characters a match of ``regex`` can start with ("0" for any digit),
    or None when that is not a small known set."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    def first(seq: list, i: int = 0) -> set[str] | None:
        out: set[str] = set()
        while i < len(seq):
            op, av = seq[i]
            if op is c.LITERAL:
                return out | {chr(av).lower()}
            if op is c.IN:
                chars = set()
                for iop, iav in av:
                    if iop is c.LITERAL:
                        chars.add(chr(iav).lower())
                    elif iop is c.RANGE:
                        if iav[1] - iav[0] > 64:
                            return None
                        chars.update(chr(x).lower() for x in range(iav[0], iav[1] + 1))
                    elif iop is c.CATEGORY and iav is c.CATEGORY_DIGIT:
                        chars.add("0")
                    elif iop is c.CATEGORY and iav is c.CATEGORY_SPACE:
                        chars.update(" \t")
                    else:
                        return None
                return out | chars
            if op is c.BRANCH:
                for branch in av[1]:
                    sub = first(list(branch))
                    if sub is None:
                        return None
                    out |= sub
                return out
            if op is c.SUBPATTERN:
                sub = first(list(av[3]))
                if sub is None:
                    return None
                return out | sub
            if op in (c.MAX_REPEAT, c.MIN_REPEAT):
                sub = first(list(av[2]))
                if sub is None:
                    return None
                out |= sub
                if av[0] >= 1:
                    return out
                i += 1
                continue
            if op is c.AT and av is c.AT_BEGINNING:
                i += 1
                continue
            return None
        return None  # the pattern can match the empty string

    found = first(list(_parser.parse(regex, re.IGNORECASE)))
    if found is None:
        return None
    return frozenset("0" if ch.isdigit() else ch for ch in found)


def compile_classes(classes: tuple[ChromeClass, ...]) -> Matcher:
    """Compile pattern tables (the built-in ones, or with user rules merged in)."""
    phrases: dict[str, str] = {}
    for cls in classes:
        for p in cls.phrases:
            phrases.setdefault(line_key(p), cls.name)
    group_names: dict[str, tuple[str, str, int]] = {}
    entries = []  # (pattern, group name, first characters or None), widest class first
    within = []
    for cls in sorted(classes, key=lambda c: -c.max_words):
        for pat in cls.patterns:
            if pat.triggers:
                within.append((cls.max_words, pat.triggers,
                               re.compile(pat.regex, re.IGNORECASE), cls.name, pat.name))
                continue
            group = f"g{len(group_names)}"
            group_names[group] = (cls.name, pat.name, cls.max_words)
            entries.append((pat, group, _first_chars(pat.regex)))

    def combined(select: list) -> re.Pattern[str] | None:
        alts = [f"(?P<{g}>{p.regex})" for p, g, _ in select]
        return re.compile("|".join(alts), re.IGNORECASE) if alts else None

    keys = sorted({ch for *_, fc in entries if fc for ch in fc})
    by_first = {}
    for ch in keys:
        regex = combined([e for e in entries if e[2] is None or ch in e[2]])
        if regex is not None:
            by_first[ch] = regex
    other = combined([e for e in entries if e[2] is None])
    by_trigger: dict[str, list[tuple[int, re.Pattern[str], str, str]]] = {}
    all_triggers = {t for _, triggers, *_ in within for t in triggers}
    # a trigger that begins with a shorter one is found as the shorter one
    shortest = {t: min((u for u in all_triggers if t.startswith(u)), key=len)
                for t in all_triggers}
    for max_words, triggers, pattern, cls_name, name in within:
        for t in sorted({shortest[t] for t in triggers}):
            entry = (max_words, pattern, cls_name, name)
            if entry not in by_trigger.setdefault(t, []):
                by_trigger[t].append(entry)
    trigger_regex = re.compile(trie_regex(by_trigger)) if by_trigger else None
    return Matcher(phrases, by_first, other, trigger_regex,
                   {t: tuple(v) for t, v in by_trigger.items()}, group_names,
                   max(c.max_words for c in classes))


def trie_regex(words: Iterable[str]) -> str:
    """One regex matching any of ``words``, shaped as a trie (shared prefixes are tested
    once), which Python's ``re`` runs many times faster than a flat alternation.

    >>> trie_regex(["cookie", "consent", "cookies"])
    'co(?:nsent|okie)'
    """
    trie: dict = {}
    for w in sorted(set(words)):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        if "" in node:
            return ""  # a word ends here; longer words through this node are found as it
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return build(trie)


@lru_cache(maxsize=1)
def default_matcher() -> Matcher:
    return compile_classes(CLASSES)

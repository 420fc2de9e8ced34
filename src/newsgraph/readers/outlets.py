"""Outlet names for pages: the page's own site name, else a known outlet for its domain, else the
registered domain itself.

The registered domain ("nj.com", "bbc.co.uk") comes from the ``tld`` library's bundled copy of
the Public Suffix List (no network access: ``tld`` only downloads when asked to update). The
table :data:`KNOWN_OUTLETS` maps well-known registered domains to their names. A domain without
an entry is returned as the domain ("example-news.com"), never as a capitalised fragment ("Nj",
"Edmunds com"). Site names that are not names ("Hosted", "Home", a bare domain fragment) are
ignored.
"""

from __future__ import annotations

import re
from typing import Optional
from urllib.parse import urlparse

#: Registered domain -> outlet name (a small table of well-known outlets).
KNOWN_OUTLETS: dict[str, str] = {
    "apnews.com": "AP News", "ap.org": "Associated Press", "reuters.com": "Reuters", "afp.com": "AFP",
    "bbc.co.uk": "BBC", "bbc.com": "BBC", "cnn.com": "CNN", "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post", "wsj.com": "The Wall Street Journal",
    "theguardian.com": "The Guardian", "usatoday.com": "USA Today", "latimes.com": "Los Angeles Times",
    "politico.com": "Politico", "huffpost.com": "HuffPost", "huffingtonpost.com": "HuffPost",
    "breitbart.com": "Breitbart", "foxnews.com": "Fox News", "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News", "abcnews.go.com": "ABC News", "npr.org": "NPR", "bloomberg.com": "Bloomberg",
    "ft.com": "Financial Times", "economist.com": "The Economist", "thehill.com": "The Hill",
    "nj.com": "NJ.com", "edmunds.com": "Edmunds", "aljazeera.com": "Al Jazeera", "albawaba.com": "Al Bawaba",
    "independent.co.uk": "The Independent", "telegraph.co.uk": "The Telegraph", "dailymail.co.uk": "Daily Mail",
    "thetimes.co.uk": "The Times", "forbes.com": "Forbes", "businessinsider.com": "Business Insider",
    "axios.com": "Axios", "vox.com": "Vox", "theatlantic.com": "The Atlantic", "time.com": "Time",
    "newsweek.com": "Newsweek", "chicagotribune.com": "Chicago Tribune", "bostonglobe.com": "The Boston Globe",
    "sfchronicle.com": "San Francisco Chronicle", "miamiherald.com": "Miami Herald", "cnbc.com": "CNBC",
    "techcrunch.com": "TechCrunch", "theverge.com": "The Verge", "wired.com": "Wired", "dw.com": "DW",
    "france24.com": "France 24", "euronews.com": "Euronews", "abc.net.au": "ABC News (Australia)",
    "cbc.ca": "CBC", "theglobeandmail.com": "The Globe and Mail", "scmp.com": "South China Morning Post",
    "hindustantimes.com": "Hindustan Times", "timesofindia.indiatimes.com": "The Times of India",
    "thenationalnews.com": "The National", "westernjournal.com": "The Western Journal",
    "upi.com": "UPI", "marketwatch.com": "MarketWatch", "yahoo.com": "Yahoo",
}
_KNOWN_NAMES = frozenset(n.lower() for n in KNOWN_OUTLETS.values()) | frozenset(
    n.lower().removeprefix("the ") for n in KNOWN_OUTLETS.values())
#: Site names that name no outlet (page furniture read as the site name).
_NOT_NAMES = frozenset("hosted home homepage index news article page site website web default untitled".split())
_DOMAIN_FRAGMENT = re.compile(r"^[A-Za-z0-9\-]+(?:\s+(?:com|org|net|co|uk|io|info|news))+$", re.IGNORECASE)


def registered_domain(url: Optional[str]) -> Optional[str]:
    """The registered domain of ``url`` ("www.news.bbc.co.uk" -> "bbc.co.uk"), offline."""
    host = urlparse(url).hostname if url else None
    if not host:
        return None
    from tld import get_fld

    fld = get_fld(host, fix_protocol=True, fail_silently=True)
    return fld or (host[4:] if host.startswith("www.") else host)


def is_known_outlet(name: str) -> bool:
    n = name.strip().lower()
    return n in _KNOWN_NAMES or n in KNOWN_OUTLETS


def outlet_name(sitename: Optional[str], url: Optional[str]) -> Optional[str]:
    """The outlet of a page: its site name when it is a name, else the table, else the domain."""
    domain = registered_domain(url)
    if sitename:
        s = " ".join(sitename.split())
        fragment = domain is not None and s.lower() in (domain.split(".")[0], domain.replace(".", ""))
        if s and s.lower() not in _NOT_NAMES and not _DOMAIN_FRAGMENT.match(s) and not fragment:
            return s
    if domain:
        host = str(urlparse(url).hostname or "")
        sub = host[4:] if host.startswith("www.") else host
        return KNOWN_OUTLETS.get(sub) or KNOWN_OUTLETS.get(domain) or domain
    return sitename.strip() if sitename and sitename.strip().lower() not in _NOT_NAMES else None

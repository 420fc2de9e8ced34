"""Invented header material for the layout benchmark (all written for newsgraph, no real people).

Bodies and titles come from real articles at run time (:mod:`.layouts`); the lines around them
(bylines, roles, datelines, captions, page furniture) are drawn from these tables.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Jane Ann Maria Tomás Priya Oluwaseun Mei Lars Fatima Grace Henrik Aisha Carlos Nadia Owen Ruth "
    "Kofi Ingrid Diego Leila Samuel Chloe Ravi Hana Marek Elena Jonah Yusuf Clara Emeka Sofia Malik"
).split()
SURNAMES = (
    "Roe Doe Alvarez Okafor Lindqvist Tanaka Brennan Haddad Kowalski Mensah Fitzgerald Novak Ferreira "
    "Castellano Whitfield Rahman Abernathy Delacroix Osei McAllister O'Brien Varga Petrov Nakamura Quinn "
    "Bergström Achebe Moreau Harlow Eriksen Santoro Vance"
).split()
#: (surname particle forms) a few multi-word surnames
SURNAME_PHRASES = ("de la Cruz", "van der Berg", "Al-Amin", "da Silva")
ROLES = (
    "Health Correspondent", "Staff Writer", "Political Reporter", "Senior Editor", "Washington Bureau Chief",
    "Chief Political Correspondent", "Education Reporter", "Contributing Writer", "Economics Editor",
    "Foreign Correspondent", "Science Writer", "Investigations Editor",
)
AGENCIES = ("Reuters", "AP", "AFP", "Wire Service", "Bloomberg", "The Daily Ledger", "Northfield Herald",
            "Harbor Times", "Valley Courier")
CITIES = (
    ("WASHINGTON", None), ("LONDON", None), ("NEW YORK", None), ("PORT ELSA", None), ("GENEVA", None),
    ("SPRINGFIELD", "Ill."), ("DES MOINES", "Iowa"), ("CHARLESTON", "S.C."), ("BRIGHTWATER", None),
    ("NAIROBI", "Kenya"), ("MANCHESTER", "N.H."), ("LAS VEGAS", None), ("TALLAHASSEE", "Fla."),
)
#: Places for "By A in City"
TOWNS = ("Nairobi", "Berlin", "Lisbon", "Des Moines", "Port Elsa", "Manila", "Bogotá", "Glasgow")
CAPTION_SCENES = (
    "Supporters wait outside the venue before the rally on Tuesday",
    "The candidate speaks to reporters after the debate",
    "Delegates cast their votes at the convention hall",
    "Protesters gather near the courthouse on Monday evening",
    "Volunteers sort ballots at a county office",
    "Firefighters work near the damaged building",
    "The committee chair arrives for the hearing",
    "Residents line up at a polling station in the morning",
)
CAPTION_FORMS = (
    "Photo: {scene}. ({name} / {agency})",
    "{scene}. (Photo: {name}/{agency})",
    "Photo: {scene} ({name} / {agency})",
    "{scene}. Photograph: {name}/{agency}",
)
BOILERPLATE = (
    "Advertisement", "Share this article", "Sign up for our morning newsletter", "5 min read",
    "Listen to this article", "Share on Facebook, Twitter or Email", "ADVERTISEMENT", "Story continues below",
    "Read more: Council delays vote on transit plan", "Subscribe to our politics briefing",
)
SITE_NAMES = ("The Daily Ledger", "Northfield Herald", "Harbor Times", "Valley Courier", "Metro Wire")
SECTION_PREFIXES = ("Opinion", "Analysis", "Politics", "Exclusive")

# -- added for the dev families of the held-out follow-up (never used by the test families) ------

#: Question headlines (sentence case and Title Case), for titles that are questions.
QUESTION_TITLES = (
    "Can the ferry service survive another winter?",
    "Who will pay for the new flood barrier?",
    "Is the council ready for a second referendum?",
    "What happens to the mill workers now?",
    "Why are rents rising faster in small towns?",
    "Should schools close when the river floods?",
    "Will the night trains ever come back?",
    "How did a quiet county become a swing seat?",
    "Does the city still need its own airport?",
    "Where did the regional health budget go?",
    "Can Farmers Trust the New Water Rules?",
    "Who Really Runs the Harbour Board?",
    "Is This the End of the Corner Shop?",
    "What Does the Ceasefire Mean for the Fishing Fleet?",
    "Why do so few young people vote in local elections?",
    "Has the bridge closure hurt the market town?",
    "Are speed cameras making the coast road safer?",
    "Could a four-day week work in the civil service?",
)
#: Places for mixed-case datelines: (place, region) (region None: the dateline carries an agency).
MIXED_CITIES = (
    ("Kessington", "Ontario"), ("Marlow Bay", "Tasmania"), ("Ostrevo", "Velgaria"), ("San Telmo", "Arcadia"),
    ("Hong Kong", None), ("Cape Verity", "Norland"), ("Dunholm", "Scotland"), ("Lake Orrin", "Minn."),
    ("Tessaly", None), ("New Harlow", "Conn."),
)
#: Section labels a page prints at the top.
SECTION_LABELS = ("WORLD", "Politics", "Business", "Local News", "Health", "SCIENCE", "Transport", "Arts & Culture")
#: Page time stamps under a headline.
STAMP_LINES = ("Updated 4:27 p.m. ET", "Published Oct. 9, 2026", "Updated Sept. 30, 2026, 8:15 a.m.",
               "Posted 11:02 a.m.", "Last updated March 3, 2026")
#: Topic kickers printed above a headline (page furniture, not part of the title).
KICKERS = ("Water supply", "Harbour strike", "Election 2026", "Cost of living", "Flood watch", "Rail dispute",
           "Court report", "Budget day")

# -- added for the dek dev family of round 3 (never used by the test families) -----------------

#: Question deks (a standfirst asking what the story answers).
DEK_QUESTIONS = (
    "Will the new timetable be ready before the winter storms?",
    "What does the ruling mean for tenants who have already paid?",
    "Can the council find the money without raising rents again?",
    "Who decides which villages keep their bus routes?",
    "How long can the hospital keep its night clinic open?",
    "Why did the inspectors wait two years to act?",
    "Is a second vote now unavoidable?",
    "What happens to the workers if the plant closes for good?",
)
#: Deks that open with a quotation (the quoted words, then who says them).
DEK_QUOTES = (
    "\"We were told nothing until the letters arrived,\" say residents of the estate",
    "\"This is not the end of the matter\": campaigners vow to appeal the decision",
    "'It felt like the ground moved under us' – farmers describe the night the dam failed",
    "\"Nobody should have to choose between heating and eating,\" the charity says",
    "\"We need the trains back\": commuters plead with the operator after months of cuts",
    "'A small step, but the right one,' says the union's general secretary",
)
#: Staff bylines without "By" for several names ("A and B, Staff Writers").
PLURAL_ROLES = ("Staff Writers", "Special Correspondents", "Political Reporters", "Health Reporters")
#: Words before "by" in bylines of analysis and commentary pieces.
BY_KINDS = ("Analysis", "Commentary", "Interview")

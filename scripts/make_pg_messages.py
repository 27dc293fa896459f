#!/usr/bin/env python3
"""Builds data/pg-messages/: a small language-identification corpus of real sentences, the server
messages of PostgreSQL 15 in English and five of their translations (German, French, Spanish,
Italian, Swedish), as Debian's postgresql-15 package ships them (/usr/share/locale/*/LC_MESSAGES/
postgres-15.mo). PostgreSQL and its translations are under the PostgreSQL Licence (permissive,
BSD-style); data/pg-messages/LICENSE carries it.

Each language gets its own seeded sample of messages (so the classes are not parallel
translations of each other), one message per file, data/pg-messages/<language>/<n>.txt, with
printf placeholders (%s, %d, %m, ...) and quotes removed; messages of 5 to 16 words only.
Run: /usr/bin/python3 scripts/make_pg_messages.py (on a machine with postgresql-15 installed).
"""
import gettext
import os
import random
import re
import shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "pg-messages")
LANGS = ["de", "fr", "es", "it", "sv"]
PER_CLASS = 80
PLACEHOLDER = re.compile(r"%(\d+\$)?[-+ #0]*\d*(\.\d+)?(l|ll|h|z|j)?[sdumcfgxXlpi]|%m|%%")


def clean(s):
    s = PLACEHOLDER.sub(" ", s)
    s = re.sub(r"[\"“”„«»‘’']", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def messages(lang):
    with open(f"/usr/share/locale/{lang}/LC_MESSAGES/postgres-15.mo", "rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog
    return {k: v for k, v in catalog.items() if isinstance(k, str) and k and v and k != v}


def usable(s):
    return 5 <= len(s.split()) <= 16 and "\n" not in s


def main():
    rng = random.Random(18)
    catalogs = {lang: messages(lang) for lang in LANGS}
    shutil.rmtree(ROOT, ignore_errors=True)
    english = sorted({clean(k) for k in catalogs["de"]} - {""})
    pools = {"en": [s for s in english if usable(s)]}
    for lang in LANGS:
        pools[lang] = sorted({clean(v) for v in catalogs[lang].values()} - {""})
        pools[lang] = [s for s in pools[lang] if usable(s)]
    for lang, pool in pools.items():
        os.makedirs(os.path.join(ROOT, lang))
        for i, text in enumerate(rng.sample(pool, PER_CLASS)):
            with open(os.path.join(ROOT, lang, f"{i:03d}.txt"), "w", encoding="utf-8") as f:
                f.write(text + "\n")
        print(lang, len(pool), "usable messages, kept", PER_CLASS)
    with open("/usr/share/doc/postgresql-15/copyright", encoding="utf-8") as f:
        lines = f.read().split("\n")
    start = max(i for i, line in enumerate(lines) if line == "License: PostgreSQL")
    end = lines.index("", start)
    text = "\n".join(line[1:] if line.startswith(" ") else line for line in lines[start + 1:end]).replace("\n.\n", "\n\n")
    with open(os.path.join(ROOT, "LICENSE"), "w", encoding="utf-8") as f:
        f.write("The texts under data/pg-messages/ are PostgreSQL 15's server messages and their translations, taken from\n"
                "Debian's postgresql-15 package (postgres-15.mo). PostgreSQL Licence:\n\n"
                "Portions Copyright (c) 1996-2022, PostgreSQL Global Development Group\n"
                "Portions Copyright (c) 1994, The Regents of the University of California\n\n" + text + "\n")


if __name__ == "__main__":
    main()

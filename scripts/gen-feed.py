#!/usr/bin/env python3
"""Writes a synthetic HSDS 3.0 feed (a JSON list of organizations, one service each) for
the scale benchmark: services spread over the states, with phones in the 555-01XX range
set aside for examples, service areas naming a state, and descriptions the matcher reads.

usage: gen-feed.py SERVICES OUT.json
"""
import json, sys

STATES = ["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN",
          "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV",
          "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN",
          "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY"]
KINDS = [("Shelter", "Emergency shelter and housing for survivors of trafficking."),
         ("Legal clinic", "Free legal help with T visa and U visa applications."),
         ("Worker center", "Help recovering unpaid wages and overtime."),
         ("Counseling", "Mental health counseling and case management for victims."),
         ("Job training", "Job training and employment help for survivors.")]

def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    with open(out, "w") as f:
        f.write("[\n")
        for i in range(count):
            state = STATES[i % len(STATES)]
            kind, description = KINDS[(i // len(STATES)) % len(KINDS)]
            org = {
                "id": f"org-{i:07d}",
                "name": f"{kind} {i} of {state}",
                "description": description,
                "services": [{
                    "id": f"svc-{i:07d}",
                    "name": f"{kind} {i}",
                    "description": description,
                    "status": "active",
                    "service_areas": [{"id": f"area-{i:07d}", "name": state}],
                    "phones": [{"id": f"ph-{i:07d}", "number": f"202-555-01{i % 100:02d}", "type": "voice"}],
                }],
            }
            f.write(json.dumps(org))
            f.write(",\n" if i + 1 < count else "\n")
        f.write("]\n")

main()

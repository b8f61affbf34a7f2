"""Notice classification benchmark (not a test): the labelled corpus through the publish decision.

Run: .venv/bin/python -m tools.bench_classify [--corpus PATH] [--errors]
Each post goes through the same path as an imported Telegram post or feed item (from_text_post, then
publish_decision). Sources a post comes from are trusted except news reposts, personal posts and
Ukrainian alert bots. A threat of every kind is seeded as in force over the whole region, so every all-clear finds
something to end: the worst case for a false all-clear.
Goals (issue 12): 0 dangerous errors among published notices (threat <-> all-clear, report published,
another region published), every automatic publication right on kind and areas, and >= 95% of posts
that should be published and name areas published automatically and right. Exits non-zero otherwise.
"""

import argparse
import json
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from preparedness.notices.ingest.build import from_text_post
from preparedness.notices.ingest.decide import publish_decision
from preparedness.notices.kinds import KINDS, THREAT_KINDS
from preparedness.regions import load_region

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "classify" / "corpus.jsonl"
UNTRUSTED = {"news", "personal", "ua_bot"}
SHARE_GOAL = 0.95
# One threat of every kind, so that an all-clear naming any of them finds what it ends.
SEEDED = [{"kind": kind, "areas": [], "region_wide": True, "status": "Actual"} for kind in sorted(THREAT_KINDS)]
SENT = datetime(2026, 3, 1, 7, 0, tzinfo=timezone.utc)


def read(post, region):
    """(candidate notice, publish, reason) for one corpus post."""
    notice = from_text_post(post["text"], region, lang=post.get("lang"), identifier=post["id"],
                            sender=post["source_type"], sent=SENT, source=post["source_type"],
                            source_updated=SENT, ref=post["id"])
    publish, reason = publish_decision(notice, post["source_type"] not in UNTRUSTED, SEEDED,
                                       region.areas_by_slug)
    return notice, publish, reason


def right_places(notice, post):
    """Whether a notice's areas are the label's (region-wide: no areas and the whole region)."""
    if post["region_wide"] or not post["areas"]:
        return not notice["areas"] and bool(notice["region_wide"]) == bool(post["region_wide"])
    return set(notice["areas"]) == set(post["areas"])


def dangerous(notice, post):
    """Why a published notice is dangerous, or None."""
    kinds = {notice["kind"], post["kind"]}
    if "all_clear" in kinds and kinds & THREAT_KINDS:
        return "threat <-> all-clear"
    if post["report"]:
        return "report published"
    if post["other_region"]:
        return "another region published"
    return None


def table(posts, region):
    """Per post: (post, notice, publish, reason)."""
    return [(post, *read(post, region)) for post in posts]


def print_kinds(rows):
    """Precision and recall per kind, and the confusion matrix (rows: label, columns: reading)."""
    pairs = Counter((post["kind"], notice["kind"]) for post, notice, _, _ in rows)
    kinds = [k for k in KINDS if any(k in p for p in pairs)]
    print(f"{'kind':18} {'precision':>9} {'recall':>7} {'posts':>6}")
    for kind in kinds:
        hit = pairs[(kind, kind)]
        read_as = sum(n for (_, got), n in pairs.items() if got == kind)
        labelled = sum(n for (want, _), n in pairs.items() if want == kind)
        print(f"{kind:18} {hit / read_as if read_as else 0:9.2f} {hit / labelled if labelled else 0:7.2f} "
              f"{labelled:6d}")
    short = [k[:6] for k in kinds]
    print("\nconfusion (rows: label, columns: reading)\n" + " " * 18 + " ".join(f"{s:>6}" for s in short))
    for want in kinds:
        print(f"{want:18}" + " ".join(f"{pairs[(want, got)] or '.':>6}" for got in kinds))


def summary(rows, show_errors):
    """Print the publication figures; returns the list of goals missed."""
    published = [(p, n, r) for p, n, pub, r in rows if pub]
    harm = [(p, n, dangerous(n, p)) for p, n, _ in published if dangerous(n, p)]
    wrong = [(p, n) for p, n, _ in published
             if not p["publish"] or n["kind"] != p["kind"] or not right_places(n, p)]
    wanted = [(p, n, pub) for p, n, pub, _ in rows if p["publish"] and p["areas"]]
    right = [1 for p, n, pub in wanted if pub and n["kind"] == p["kind"] and right_places(n, p)]
    share = len(right) / len(wanted) if wanted else 1.0
    held = Counter(r for _, _, pub, r in rows if not pub)
    print(f"\nposts {len(rows)}, published automatically {len(published)}, held for review {len(rows) - len(published)}")
    print(f"dangerous errors among published: {len(harm)}")
    print(f"automatic publications wrong on kind or areas (or not to be published): {len(wrong)}")
    print(f"area-naming posts to publish: {len(wanted)}, published automatically and right: {len(right)} "
          f"({share:.1%}, goal >= {SHARE_GOAL:.0%})")
    print("held, by reason: " + "; ".join(f"{r} {n}" for r, n in held.most_common()))
    if show_errors:
        for p, n, why in harm:
            print(f"  DANGEROUS {p['id']}: {why}: read {n['kind']} {n['areas']}")
        for p, n in wrong:
            print(f"  WRONG {p['id']}: label {p['kind']} {p['areas']} publish={p['publish']}; "
                  f"read {n['kind']} {n['areas']} wide={n['region_wide']}")
        for p, n, pub in wanted:
            if not (pub and n["kind"] == p["kind"] and right_places(n, p)):
                print(f"  MISSED {p['id']}: label {p['kind']} {p['areas']}; read {n['kind']} {n['areas']} "
                      f"{n['doubts']}")
    return [goal for goal, missed in (("dangerous errors", harm), ("wrong publications", wrong),
                                      ("share", share < SHARE_GOAL)) if missed]


def main():
    """Read the corpus, classify and decide every post, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--errors", action="store_true", help="list every post the goals count against")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"no corpus at {args.corpus}")
    posts = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    region = load_region("belgorod")
    started = time.perf_counter()
    rows = table(posts, region)
    seconds = time.perf_counter() - started
    print_kinds(rows)
    missed = summary(rows, args.errors)
    print(f"classified {len(rows)} posts in {seconds:.2f} s (dictionaries loaded on first use)")
    if missed:
        sys.exit(f"missed: {', '.join(missed)}")


if __name__ == "__main__":
    main()

"""Seeded mutations of the numbers on real pages, to prove that ``docs_numbers`` catches them.

A mutation changes the last digit shown of one claim (``25,557,032`` → ``25,557,037``,
``3×3`` → ``8×3``, ``Table 2`` → ``Table 6``) in memory. For the classes computed, cited and
structural, both twins get the same change (the twin's counterpart is the claim with the same
digits, at the same rank among those); for the class twin mismatch, one twin only. A mutation
is killed when ``check`` or ``check_twins`` then fails on the pair.
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections import defaultdict
from dataclasses import dataclass

from tests.docs_claims import Claim, Page, load, twins
from tests.docs_numbers import check, check_twins, classify

CLASSES = ("computed", "cited", "structural", "twin mismatch")


@dataclass(frozen=True)
class Mutation:
    kind: str  # one of CLASSES
    page: str  # the page whose claim is changed (for twin mismatch: the only one)
    line: int
    before: str
    after: str


def _counterpart(claim: Claim, page: Page, twin: Page) -> Claim | None:
    """The claim of ``twin`` that states the same digits at the same rank, if any."""
    same = [c for c in page.claims() if c.text == claim.text]
    others = [c for c in twin.claims() if c.text == claim.text]
    rank = same.index(claim)
    return others[rank] if rank < len(others) else None


def _last_digit(line: str, claim: Claim) -> int:
    """Where the last digit of the claim's mantissa is (not of its exponent: ``3.8×10⁹``)."""
    mantissa = re.match(r"[\d,.{}]+", line[claim.start:claim.end])
    assert mantissa is not None
    return max(claim.start + i for i, ch in enumerate(mantissa[0]) if ch in "0123456789")


def _changed(page: Page, claim: Claim, digit: str) -> Page:
    """``page`` with the last digit of ``claim`` replaced by ``digit``. Only prose changes, so
    what the page's code produces, and the models it names (a name holds no claim), are carried
    over rather than computed again."""
    lines = page.source.splitlines()
    line = lines[claim.line - 1]
    at = _last_digit(line, claim)
    lines[claim.line - 1] = line[:at] + digit + line[at + 1:]
    prose = list(page.prose)
    prose[claim.line - 1] = prose[claim.line - 1][:at] + digit + prose[claim.line - 1][at + 1:]
    mutated = dataclasses.replace(page, source="\n".join(lines) + "\n", prose=prose)
    for produced in ("computed", "flat_code", "line_values", "section_code", "section_flat", "values_of",
                     "urls", "named_models"):
        mutated.__dict__[produced] = getattr(page, produced)
    return mutated


def _killed(zh: Page, en: Page) -> bool:
    return bool(check(zh) or check(en) or check_twins(zh, en))


def candidates() -> dict[str, list[tuple[Page, Page, Claim]]]:
    """Every claim of every twin pair, by class: (the page, its twin, the claim)."""
    found: dict[str, list[tuple[Page, Page, Claim]]] = defaultdict(list)
    for zh_name, en_name in twins():
        zh, en = load(zh_name), load(en_name)
        for page, twin in ((zh, en), (en, zh)):
            for claim in page.claims():
                kind = classify(page, claim)
                if page is zh and kind is not None and _counterpart(claim, page, twin) is not None:
                    found[kind].append((page, twin, claim))
                found["twin mismatch"].append((page, twin, claim))
    return found


def run(seed: int, per_class: int) -> dict[str, list[tuple[Mutation, bool]]]:
    """``per_class`` mutations of each class, drawn with ``seed``; each with whether it was killed."""
    rng = random.Random(seed)
    results: dict[str, list[tuple[Mutation, bool]]] = {}
    for kind, pool in sorted(candidates().items()):
        results[kind] = []
        for page, twin, claim in rng.sample(pool, min(per_class, len(pool))):
            line = page.source.splitlines()[claim.line - 1]
            last = line[_last_digit(line, claim)]
            digit = rng.choice([d for d in "0123456789" if d != last])
            mutated = _changed(page, claim, digit)
            if kind == "twin mismatch":
                pair = (mutated, twin)
            else:
                other = _counterpart(claim, page, twin)
                assert other is not None
                pair = (mutated, _changed(twin, other, digit))
            zh, en = sorted(pair, key=lambda p: p.lang != "zh")
            at = _last_digit(line, claim) - claim.start
            after = claim.text[:at] + digit + claim.text[at + 1:]
            results[kind].append((Mutation(kind, page.name, claim.line, claim.text, after), _killed(zh, en)))
    return results

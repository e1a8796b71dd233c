"""Fictional sentences of the kind safeguarding reviews contain, written by the team for the
demo, the tests and the benchmarks. No real review, person or case is described.

Each theme has phrases that name it plainly (codebook keywords) and phrases that describe it
without them, as real reports do; `corpus` mixes them with neutral narrative so a classifier
has something to learn beyond the keywords.
"""

from __future__ import annotations

import random

PHRASES: dict[str, tuple[str, ...]] = {
    "risk-assessment": (
        "the DASH risk assessment was not repeated after the second incident",
        "the level of danger was judged as standard although she had been strangled",
        "no one revisited how dangerous he was after he was released",
        "the referral to MARAC was not made despite a high risk score",
    ),
    "information-sharing": (
        "information was not shared between the GP and the police",
        "the health visitor did not know about the earlier call-outs",
        "each agency held a piece of the picture and no one put it together",
        "records were not passed on when the family moved between areas",
    ),
    "professional-curiosity": (
        "practitioners did not ask directly about abuse at home",
        "staff accepted his explanation of her injuries at face value",
        "the nurse noticed the bruising but did not explore it further",
        "professional curiosity was missing when she cancelled appointments",
    ),
    "coercive-control": (
        "he controlled who she could see and checked her phone",
        "she was isolated from her friends and family over several years",
        "coercive control was not recognised by the agencies involved",
        "he decided what she wore and when she could leave the house",
    ),
    "economic-abuse": (
        "he took her wages and gave her a small allowance",
        "the debts were taken out in her name without her knowledge",
        "she had no access to the household money",
        "financial abuse left her unable to afford to leave",
    ),
    "mental-health": (
        "she had been treated for depression and anxiety for many years",
        "the crisis team assessed him two days before the homicide",
        "her low mood was linked to the abuse by no one",
        "mental health services closed the case after one missed appointment",
    ),
    "substance-use": (
        "his alcohol use increased in the months before her death",
        "both had used drugs and were known to the substance misuse service",
        "he was often drunk when the police attended",
        "her drinking was seen as the problem rather than the abuse",
    ),
    "children-in-household": (
        "two children were living in the household at the time",
        "the school had raised concerns about the younger child",
        "the children witnessed several of the incidents",
        "no one spoke to the children about what was happening at home",
    ),
    "agency-training": (
        "staff had not received training on domestic abuse",
        "the ward had no awareness sessions on recognising abuse",
        "practitioners said they did not feel equipped to ask",
        "the national training framework had not been completed by the team",
    ),
}
NEUTRAL = (
    "the panel met five times between March and November",
    "the chair thanks the family for their contribution to the review",
    "terms of reference were agreed at the first meeting",
    "the review covers the three years before the death",
    "agencies provided chronologies of their contact",
    "the report was approved by the community safety partnership",
)


def corpus(n: int, seed: int = 7) -> list[tuple[str, set[str]]]:
    """`n` fictional sentences with the themes they carry (one or two, or none)."""
    rng = random.Random(seed)
    themes = sorted(PHRASES)
    rows: list[tuple[str, set[str]]] = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.15:
            rows.append((rng.choice(NEUTRAL).capitalize() + ".", set()))
            continue
        chosen = rng.sample(themes, 2 if roll > 0.8 else 1)
        parts = [rng.choice(PHRASES[t]) for t in chosen]
        if rng.random() < 0.5:
            parts.insert(0, rng.choice(NEUTRAL))
        rows.append(("; ".join(parts).capitalize() + ".", set(chosen)))
    return rows

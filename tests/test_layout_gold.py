"""The layout benchmark's gold rule for an article's own dateline (issue #11).

The real bodies keep their dateline as gold; the rule must accept mixed-case datelines with a
region, date or agency, and refuse names in apposition and sentence openings. Literal fixtures,
written for these tests.
"""

from __future__ import annotations

import pytest

from newsgraph.evaluation.layouts import real_dateline


@pytest.mark.parametrize("paragraph, dateline", [
    ("WASHINGTON (AP) — The committee met on Friday to settle the dispute.", "WASHINGTON (AP)"),
    ("Hong Kong (AFP) — Ferry services resumed on Sunday after the typhoon passed.", "Hong Kong (AFP)"),
    ("Port Elsa, Ruritania — The harbour board voted to raise mooring fees.", "Port Elsa, Ruritania"),
    ("Brightwater, Ore., March 4 (Wire) — A bridge closed after an inspection.", "Brightwater, Ore., March 4 (Wire)"),
    ("KELDON FALLS, Minn., Oct. 12 (UPI) — The mill reopened.", "KELDON FALLS, Minn., Oct. 12 (UPI)"),
    ("ALDERTON -- Voters queued before dawn outside the school gym.", "ALDERTON"),
    ("SOUTH MARSH, Va. - A tradition of forty years ended quietly.", "SOUTH MARSH, Va."),
    ("THE HAGUE, Netherlands (Wire) — Judges heard the appeal.", "THE HAGUE, Netherlands (Wire)"),
    ("LAKEVIEW ― The town council postponed the vote again.", "LAKEVIEW"),
    ("São Tarso, Brazil — Farmers blocked the highway for a third day.", "São Tarso, Brazil"),
])
def test_real_datelines_in_any_case(paragraph, dateline):
    assert real_dateline(paragraph) == dateline


@pytest.mark.parametrize("paragraph", [
    "Miriam Kessel — surgeon, author and television host — announced her campaign.",
    "The Senate — after a long night — passed the budget.",
    "A FIRE - BOMB attack on a warehouse injured two guards.",
    "Meanwhile, Republicans — who hold the majority — stayed silent.",
    "In Lisbon (the capital) — crowds gathered at noon.",
    "Ram - raiders drove a van into the jeweller's window.",
    "A 36 - year - old climber was rescued on Friday.",
    "Halvorsen, a former mayor — and a fierce critic — spoke first.",
    "Computerworld - The vendor patched the flaw on Tuesday.",
])
def test_not_datelines(paragraph):
    assert real_dateline(paragraph) is None


@pytest.mark.parametrize("paragraph", [
    "Troy, Michigan Office Shooting Follow - Up - 1 Dead, 2 Injured, and Suspect Caught",
    "Glenrock, Utah County Sheriff Office Spokesman Dale Wren — who asked",
    "Port Elsa, Ruritania - The harbour board voted.",
])
def test_mixed_case_place_with_region_needs_a_real_dash_and_few_words(paragraph):
    assert real_dateline(paragraph) is None

""""The utility" for a public water or power body named as an authority, board or district, and
not for a department or a commission that regulates utilities (issue #10). Literal fixtures
written for these tests (invented places and bodies)."""

from __future__ import annotations

from resolve_helpers import quote


def test_the_utility_is_a_water_board(run):
    a = run("The Brackwater Valley Water Board approved new meters on Monday.\n\n"
            "The utility said the meters would be fitted by the end of the year.")
    assert quote(a, "fitted by the end").speaker == "Brackwater Valley Water Board"


def test_the_utility_is_a_power_authority(run):
    a = run("The Orlen County Power Authority cut off 300 homes during the heat wave.\n\n"
            "The utility insisted that the cuts had been announced in advance.")
    assert quote(a, "announced in advance").speaker == "Orlen County Power Authority"


def test_the_utility_is_not_the_commission_that_regulates_it(run):
    a = run("The Marrow State Public Utilities Commission opened an inquiry into the outages.\n\n"
            "The utility said it had followed every rule.")
    assert quote(a, "followed every rule").speaker is None


def test_the_utility_is_not_a_department_of_energy(run):
    a = run("The Department of Energy published new grid rules on Tuesday.\n\n"
            "The utility said it would need two more years to comply.")
    assert quote(a, "two more years").speaker is None


def test_the_company_is_still_not_a_water_authority(run):
    a = run("The Fenwick Regional Water Authority raised rates on Monday.\n\n"
            "The company said the rise was needed to pay for new pipes.")
    assert quote(a, "new pipes").speaker is None

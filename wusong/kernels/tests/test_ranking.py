"""Ranking arithmetic: sheet totals, leniency offsets, ranks and disagreement."""

from decimal import Decimal as D

from wusong.kernels.ranking import SheetTotal, expert_offsets, ranking_compute, sheet_total


def _worked_example():
    """Expert A is lenient, B severe, C middling; each scores two of three declarations.

    A: D1 90, D2 80 (mean 85)   B: D1 60, D3 70 (mean 65)   C: D2 70, D3 50 (mean 60)
    Round mean 70, so offsets A +15, B −5, C −10.
    D1: mean 75, adjusted (75 + 65)/2 = 70, spread 30
    D2: mean 75, adjusted (65 + 80)/2 = 72.5, spread 10
    D3: mean 60, adjusted (75 + 60)/2 = 67.5, spread 20
    """
    return [
        SheetTotal("D1", "A", D(90), "fund"),
        SheetTotal("D2", "A", D(80), "fund"),
        SheetTotal("D1", "B", D(60), "do_not_fund"),
        SheetTotal("D3", "B", D(70), "candidate"),
        SheetTotal("D2", "C", D(70), "fund"),
        SheetTotal("D3", "C", D(50), "candidate"),
    ]


def test_leniency_offsets_on_the_worked_example():
    assert expert_offsets(_worked_example()) == {"A": D(15), "B": D(-5), "C": D(-10)}


def test_ranking_order_and_leniency_adjustment_on_the_worked_example():
    rows = {r.declaration: r for r in ranking_compute(_worked_example())}
    assert [(k, r.mean, r.adjusted, r.spread) for k, r in rows.items()] == [
        ("D2", D("75.0000"), D("72.5000"), D("10.0000")),
        ("D1", D("75.0000"), D("70.0000"), D("30.0000")),
        ("D3", D("60.0000"), D("67.5000"), D("20.0000")),
    ]
    # D1 and D2 tie on the mean; the adjusted score breaks the tie in the listing
    assert (rows["D1"].rank, rows["D2"].rank, rows["D3"].rank) == (1, 1, 3)
    assert (rows["D2"].adjusted_rank, rows["D1"].adjusted_rank, rows["D3"].adjusted_rank) == (
        1,
        2,
        3,
    )
    assert rows["D1"].disagreement
    assert rows["D1"].disagreement_reasons == ["spread", "recommendations"]
    assert not rows["D2"].disagreement and not rows["D3"].disagreement
    assert rows["D3"].recommendations == {"candidate": 2}


def test_an_expert_with_a_single_sheet_is_not_adjusted():
    sheets = [
        SheetTotal("D1", "A", D(90)),
        SheetTotal("D1", "B", D(50)),
        SheetTotal("D2", "B", D(70)),
    ]
    offsets = expert_offsets(sheets)
    assert offsets["A"] == 0
    assert offsets["B"] == D(60) - (D(210) / 3)


def test_a_sheet_total_weights_criteria_and_their_ranges():
    # 10 of 10 weighted 3, 0 of 10 weighted 1: 75 of 100
    assert sheet_total([(D(10), D(3), D(0), D(10)), (D(0), D(1), D(0), D(10))]) == D("75.0000")
    # a 1–5 criterion scored 4 sits at 75 %
    assert sheet_total([(D(4), D(1), D(1), D(5))]) == D("75.0000")

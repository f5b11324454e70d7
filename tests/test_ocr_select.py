"""Line selection for recognition (pure geometry): labels first, then what lies beside them."""

from __future__ import annotations

import numpy as np

from preflight.ocr import select


def quad(x: float, y: float, w: float, h: float) -> np.ndarray:
    return np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], dtype=np.float64)


def test_label_first_then_the_value_beside_it_and_no_body_text() -> None:
    quads = [quad(100, 20, 400, 100),  # title
             quad(100, 140, 300, 60),  # subtitle
             quad(100, 300, 180, 44),  # label 营业期限
             quad(400, 302, 950, 38),  # value, ratio 25: not read in pass 1
             quad(100, 600, 1900, 38)]  # body text, ratio 50
    budget = select.Budget()
    first = select.first_pass(quads, budget)
    assert set(first) == {0, 1, 2}
    second = select.beside_anchors(quads, {0: "营业执照", 1: "(副本)", 2: "营业期限"}, budget)
    assert second == [3]
    assert select.rest(quads, {0, 1, 2, 3}, budget, long=False) == []
    assert select.rest(quads, {0, 1, 2, 3}, budget, long=True) == [4]


def test_budget_limits_the_work() -> None:
    quads = [quad(0, 60 * i, 400, 40) for i in range(100)]
    chosen = select.first_pass(quads, select.Budget())
    cost = sum(max(select.ratio(quads[i]), select.MIN_UNITS) for i in chosen)
    assert cost <= select.MAX_UNITS * select.FIRST_PASS_SHARE
    assert 0 < len(chosen) < 100


def test_vertical_boxes_are_skipped() -> None:
    assert select.horizontal([quad(0, 0, 40, 400), quad(0, 0, 400, 40)]) == [1]


def test_batches_keep_the_order_in_groups_and_split_where_widths_jump() -> None:
    quads = [quad(0, 0, 400, 40),  # ratio 10
             quad(0, 50, 120, 40),  # 3 (padded to the minimum like 6.7)
             quad(0, 100, 2000, 40),  # 50: far wider, its own batch
             quad(0, 150, 420, 40),  # 10.5: within 1.6 × the padded minimum
             quad(0, 200, 100, 40)]  # 2.5, second group of BATCH = 4
    out = select.batches(quads, [0, 1, 2, 3, 4])
    assert out == [[1, 0, 3], [2], [4]]
    assert sorted(i for b in out for i in b) == [0, 1, 2, 3, 4]


def test_a_line_ending_inside_a_date_is_prolonged_to_the_right_within_the_page() -> None:
    assert select.CUT_SHORT.search("2023年06月1")
    assert select.CUT_SHORT.search("2015年09月04日至")
    assert not select.CUT_SHORT.search("2023年06月14日")
    assert not select.CUT_SHORT.search("2016.03.01-2036.03.01")
    q = quad(100, 50, 200, 20)
    longer = select.extended(q, 1000)
    assert select.size(longer) == (200 + select.EXTEND * 20, 20)
    assert select.extended(q, 320)[1][0] == 319  # stops at the page edge



def test_same_line_picks_the_overlapping_box_or_none() -> None:
    coarse = quad(100, 50, 200, 20)
    fine = [quad(0, 0, 50, 20), quad(96, 52, 215, 17), quad(100, 90, 200, 20)]
    got = select.same_line(coarse, fine)
    assert got is not None and np.array_equal(got, fine[1])
    assert select.same_line(coarse, [quad(400, 50, 100, 20)]) is None
    assert select.same_line(coarse, []) is None


def test_second_look_only_for_doubt_at_the_ends_of_a_line() -> None:
    from preflight.ocr import OcrLine
    from preflight.ocr.rapid import edge_doubt

    def line(confs: list[float]) -> OcrLine:
        return OcrLine("2014年04月5日"[:len(confs)], (0, 0, 10, 10), 0.9, tuple(confs))

    assert edge_doubt(line([0.5] + [1.0] * 8 + [0.6]))  # cut first and last strokes
    assert not edge_doubt(line([1.0] * 8 + [0.42, 1.0]))  # a masked day inside the line
    assert not edge_doubt(line([1.0] * 10))

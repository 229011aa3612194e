"""The chart kernel: pure Python, deterministic, safe text, refuses what it cannot draw."""

# ruff: noqa: S314  the SVG parsed here is the kernel's own output, not untrusted input

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal as D

import pytest

from wusong.kernels.radar import ChartError, Series, bars_svg, history_svg, radar_svg

AXES = ["商业", "团队", "合规", "市场", "资本"]
SVG = "{http://www.w3.org/2000/svg}"


def test_radar_is_well_formed_svg_with_one_polygon_per_series_and_a_text_fallback():
    svg = radar_svg(
        AXES,
        [
            Series("now", [D("80"), D("62.5"), D("40"), D("55"), D("70")]),
            Series("last", [70, 50, 30, 50, 65], dashed=True),
        ],
        title="五维",
    )
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    series = [p for p in root.iter(f"{SVG}polygon") if "series" in p.get("class", "")]
    assert len(series) == 2
    assert series[1].get("stroke-dasharray")
    assert root.find(f"{SVG}title").text == "五维"
    desc = root.find(f"{SVG}desc").text
    assert "合规 40" in desc and "团队 62.5" in desc
    assert all(label in svg for label in AXES)


def test_radar_points_sit_on_the_spokes_at_their_fraction_of_the_scale():
    svg = radar_svg(["a", "b", "c", "d"], [Series("s", [100, 0, 50, 0])], size=360)
    root = ET.fromstring(svg)
    poly = next(p for p in root.iter(f"{SVG}polygon") if "series" in p.get("class", ""))
    pts = [tuple(map(float, p.split(","))) for p in poly.get("points").split()]
    radius = 360 / 2 - 58
    cx = 180 + 48  # the plot is centred between the labels' room on either side
    assert pts[0] == (cx, round(180 - radius, 1))  # top spoke, full scale
    assert pts[1] == (cx, 180.0)  # zero at the centre
    assert pts[2] == (cx, round(180 + radius / 2, 1))  # bottom spoke, half


@pytest.mark.parametrize(
    "axes", [AXES, ["项目团队", "商业模式", "合规经营", "市场营销", "资本运作"]]
)
def test_axis_labels_stay_inside_the_picture(axes):
    """Four Chinese characters at 12 px on a side spoke must not be cut off."""
    svg = radar_svg(axes, [Series("s", [50] * len(axes))])
    root = ET.fromstring(svg)
    width = float(root.get("width"))
    for text in root.iter(f"{SVG}text"):
        if text.get("class") != "axis":
            continue
        x, extent = float(text.get("x")), 12 * len(text.text)
        left = {"start": x, "middle": x - extent / 2, "end": x - extent}[text.get("text-anchor")]
        assert left >= 0 and left + extent <= width, text.text


def test_output_is_deterministic():
    args = (AXES, [Series("x", [1, 2, 3, 4, 5])])
    assert radar_svg(*args) == radar_svg(*args)


def test_text_is_escaped():
    svg = radar_svg(["<a>", "b&c", "d"], [Series('"x"', [1, 2, 3])])
    ET.fromstring(svg)
    assert "&lt;a&gt;" in svg and "b&amp;c" in svg and "<a>" not in svg


@pytest.mark.parametrize(
    "axes,values,message",
    [
        (["a", "b"], [1, 2], "three axes"),
        (["a", "b", "c"], [1, 2], "values for 3 axes"),
        (["a", "b", "c"], [1, 2, 101], "outside"),
        (["a", "b", "c"], [1, -1, 2], "outside"),
        (["a", "b", "c"], [1, float("nan"), 2], "finite"),
    ],
)
def test_radar_refuses_what_it_cannot_draw(axes, values, message):
    with pytest.raises(ChartError, match=message):
        radar_svg(axes, [Series("s", values)])


def test_missing_value_is_drawn_at_the_centre_and_named_in_the_description():
    svg = radar_svg(AXES, [Series("s", [50, None, 50, 50, 50])])
    assert "团队 —" in svg
    assert svg.count("<circle") == 4


def test_history_breaks_the_line_at_a_gap_and_marks_the_threshold():
    svg = history_svg([("24-01", 40), ("24-04", None), ("24-07", 55), ("24-10", 70)], threshold=60)
    root = ET.fromstring(svg)
    assert len(list(root.iter(f"{SVG}polyline"))) == 1  # only 55→70 joins
    assert root.find(f".//{SVG}line[@class='threshold']") is not None
    with pytest.raises(ChartError):
        history_svg([("x", 120)])


def test_bars_scale_to_the_largest_count():
    svg = bars_svg([("合规", 6), ("资本", 3), ("团队", 0)])
    rects = list(ET.fromstring(svg).iter(f"{SVG}rect"))
    widths = [float(r.get("width")) for r in rects]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    with pytest.raises(ChartError):
        bars_svg([("x", -1)])


def test_the_kernel_imports_no_django():
    code = (
        "import sys, wusong.kernels.radar; print(any(m.startswith('django') for m in sys.modules))"
    )
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "False"


def test_history_labels_do_not_overlap_and_keep_the_first_and_last():
    months = [f"{2021 + i // 4}-{1 + 3 * (i % 4):02d}" for i in range(12)]  # 2021-01 … 2023-10
    svg = history_svg([(m, 50) for m in months])
    shown = re.findall(r'text-anchor="middle" fill="#555">([^<]+)</text>', svg)
    assert shown[0] == "2021-01" and shown[-1] == "2023-10"
    assert 2 < len(shown) < 12  # thinned, not dropped
    xs = [float(x) for x in re.findall(r'<text x="([\d.]+)" y="114" text-anchor="middle"', svg)]
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) >= 7 * 6  # a label's width
    assert svg.count("<circle") == 12  # every point is still drawn
    few = history_svg([("2025-06", 40), ("2026-03", 70)])
    assert re.findall(r'fill="#555">([^<]+)</text>', few) == ["2025-06", "2026-03"]

"""lookout_result.py - reading a DetectAnomalies result the way the Python peers of tools/bench need it,
written once for pillow_annotate.py and peer_annotate.py (both import it from this folder)."""

import json

BACKGROUND = (255, 255, 255)


def parse_color(text):
    """"#RRGGBB" -> (r, g, b)."""
    text = text.lstrip("#")
    return tuple(int(text[i : i + 2], 16) for i in (0, 2, 4))


def load_result(path):
    """The result of a file holding {"DetectAnomalyResult": ...} or the bare result."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    return doc.get("DetectAnomalyResult", doc)


def anomaly_types(result):
    """(name, colour, area) for every listed type but the background."""
    types = []
    for anomaly in result.get("Anomalies") or []:
        pixel = anomaly.get("PixelAnomaly") or {}
        color = parse_color(pixel.get("Color", "#FFFFFF"))
        if anomaly.get("Name") == "background" or color == BACKGROUND:
            continue
        types.append((anomaly.get("Name", "?"), color, float(pixel.get("TotalPercentageArea", 0))))
    return types


def percent(fraction, space=False):
    """0.98731 -> "98.73%" (two decimals, half away from zero), as Panel.percent."""
    hundredths = int(fraction * 10_000 + 0.5)
    return f"{hundredths // 100}.{hundredths % 100:02d}{' ' if space else ''}%"

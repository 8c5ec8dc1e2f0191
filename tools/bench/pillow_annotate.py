#!/usr/bin/env python3
"""pillow_annotate.py - what `anomark annotate` does, written the obvious way with Pillow.

The reference for the end-to-end benchmark (tools/bench/run): same inputs, same work, Pillow's defaults.

  pillow_annotate.py IMAGE RESULT [-o OUT] [--mask MASK] [--print-lines]

1. Decode IMAGE (JPEG or PNG) and read RESULT, a DetectAnomalies JSON ({"DetectAnomalyResult": ...} or the
   bare result).
2. The mask is MASK when given, else the base64 PNG in the result's AnomalyMask; it is resized (nearest) to
   the photo when its size differs.
3. Each anomaly type except the background (#FFFFFF) is blended over the photo in its colour at 50 %,
   weighted by the mask's alpha: weight = round(128 * maskAlpha / 255) where the mask's RGB is exactly the
   type's colour, then Image.composite.
4. The image is turned upright (EXIF orientation), then the panel of Sources/Overlay/Panel.swift is drawn
   top left in fonts/DejaVuSans.ttf at clamp(min(width, height) / 30, 12, 96) pixels: three lines lime on
   black boxes (File: IMAGE as given, Prediction: Anomalous|Normal, Confidence: 98.73%), then a legend line
   per anomaly type, largest area first (a swatch framed in white, "name  1.85 %" in white). Lines too wide
   for the image are not shortened (anomark's middle ellipsis is left out).
5. PNG at Pillow's defaults (zlib level 6, adaptive filtering).

--print-lines prints the panel as drawing commands and exits, so that the ImageMagick command of the
benchmark draws the same boxes and text at the same places:
    rect X0 Y0 X1 Y1 #RRGGBB          (inclusive corners)
    text X BASELINE #RRGGBB TEXT
"""

import argparse
import base64
import io
import os
import sys

from PIL import Image, ImageChops, ImageDraw, ImageFont

sys.dont_write_bytecode = True  # importing our own module below must leave no __pycache__ in the tree
from lookout_result import anomaly_types, load_result, percent  # noqa: E402

FONT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fonts", "DejaVuSans.ttf")
OPACITY = 128  # round(0.5 * 255)
LIME = (0, 255, 0)
WHITE = (255, 255, 255)
BLACK = (0, 0, 0)
# EXIF orientation -> the transpose that turns the stored image upright (as ImageOps.exif_transpose).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def panel_items(image_path, result, width, height):
    """The panel as ("rect", x0, y0, x1, y1, colour) and ("text", x, baseline, colour, text) commands."""
    size = min(96, max(12, min(width, height) // 30))
    font = ImageFont.truetype(FONT, size)
    pad, gap, margin = max(2, size // 4), max(1, size // 8), max(2, size // 3)
    ascent, descent = font.getmetrics()
    box_height = ascent + descent + 2 * pad
    swatch_size, swatch_gap = ascent, max(2, size // 3)
    lines = [
        (f"File: {image_path}", LIME, None),
        (f"Prediction: {'Anomalous' if result.get('IsAnomalous') else 'Normal'}", LIME, None),
        (f"Confidence: {percent(float(result.get('Confidence', 0)))}", LIME, None),
    ]
    legend = sorted(anomaly_types(result), key=lambda t: (-t[2], t[0]))
    lines += [(f"{name}  {percent(area, space=True)}", WHITE, color) for name, color, area in legend]
    items = []
    y = margin
    for text, text_color, swatch in lines:
        lead = 0 if swatch is None else swatch_size + swatch_gap
        box_width = min(width - 2 * margin, round(font.getlength(text)) + 2 * pad + lead)
        items.append(("rect", margin, y, margin + box_width - 1, y + box_height - 1, BLACK))
        if swatch is not None:
            sx, sy = margin + pad, y + pad + ascent - swatch_size
            inset = max(1, swatch_size // 10)
            items.append(("rect", sx, sy, sx + swatch_size - 1, sy + swatch_size - 1, WHITE))
            items.append(
                ("rect", sx + inset, sy + inset, sx + swatch_size - 1 - inset, sy + swatch_size - 1 - inset, swatch)
            )
        items.append(("text", margin + pad + lead, y + pad + ascent, text_color, text))
        y += box_height + gap
    return font, size, items


def hex_color(color):
    return "#%02X%02X%02X" % color


def blend_mask(photo, mask, types):
    red, green, blue, alpha = mask.split()
    weight_lut = [(v * OPACITY + 127) // 255 for v in range(256)]
    for _, color, _ in types:
        match = ImageChops.multiply(
            ImageChops.multiply(
                red.point([255 if v == color[0] else 0 for v in range(256)]),
                green.point([255 if v == color[1] else 0 for v in range(256)]),
            ),
            blue.point([255 if v == color[2] else 0 for v in range(256)]),
        )
        weight = ImageChops.multiply(match, alpha).point(weight_lut)
        photo = Image.composite(Image.new("RGB", photo.size, color), photo, weight)
    return photo


def draw_panel(photo, image_path, result):
    """Draws panel_items onto photo, in place."""
    font, _, items = panel_items(image_path, result, photo.width, photo.height)
    draw = ImageDraw.Draw(photo)
    for item in items:
        if item[0] == "rect":
            draw.rectangle(item[1:5], fill=item[5])
        else:
            draw.text((item[1], item[2]), item[4], font=font, fill=item[3], anchor="ls")


def main():
    parser = argparse.ArgumentParser(description="Annotate a photo with a DetectAnomalies result (Pillow).")
    parser.add_argument("image")
    parser.add_argument("result")
    parser.add_argument("-o", "--output")
    parser.add_argument("--mask")
    parser.add_argument("--print-lines", action="store_true")
    args = parser.parse_args()

    result = load_result(args.result)
    source = Image.open(args.image)
    orientation = source.getexif().get(0x0112, 1)

    if args.print_lines:
        width, height = source.size
        if orientation in UPRIGHT and orientation >= 5:
            width, height = height, width
        _, size, items = panel_items(args.image, result, width, height)
        print(size)
        for item in items:
            if item[0] == "rect":
                print("rect", *item[1:5], hex_color(item[5]))
            else:
                print("text", item[1], item[2], hex_color(item[3]), item[4])
        return 0

    photo = source.convert("RGB")
    if args.mask:
        mask = Image.open(args.mask)
    elif result.get("AnomalyMask"):
        mask = Image.open(io.BytesIO(base64.b64decode(result["AnomalyMask"])))
    else:
        mask = None
    types = anomaly_types(result)
    if mask is not None and types:
        mask = mask.convert("RGBA")
        if mask.size != photo.size:
            mask = mask.resize(photo.size, Image.NEAREST)
        photo = blend_mask(photo, mask, types)

    if orientation in UPRIGHT:
        photo = photo.transpose(UPRIGHT[orientation])
    draw_panel(photo, args.image, result)

    output = args.output or os.path.splitext(os.path.basename(args.image))[0] + ".annotated.png"
    photo.save(output, format="PNG")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""peer_annotate.py - `anomark annotate` written the obvious way with OpenCV or libvips (pyvips), and the
in-process batch loops of tools/bench/peers (Pillow and OpenCV).

  peer_annotate.py opencv|vips IMAGE RESULT -o OUT [--mask MASK] [--level N]
  peer_annotate.py batch pillow|opencv DIR OUT_DIR --shard I/N

Single image: the work of pillow_annotate.py (decode; each anomaly type but the background blended at 50 %
weighted by the mask's alpha where the mask's RGB is the type's colour; the panel: three lines on black boxes
and a legend line per type; PNG). OpenCV draws its text with its built-in Hershey font (it has no TrueType
renderer without the contrib build) and saves with `imwrite` at its default (level 1) or `--level N`;
libvips renders text with its own text operator in fonts/DejaVuSans.ttf and saves with `pngsave` at its
defaults (or `compression=N`).

Batch: what one `anomark report` worker does per image, in process (start-up paid once): for every
IMAGE.jpg in DIR with IMAGE.jpg.out beside it (a DetectAnomalies result with its mask in AnomalyMask), the
annotation as above saved as PNG at the library's default, plus a 256-pixel-wide JPEG thumbnail (quality
85) of it. Shard I/N takes every Nth image from the I-th, so that N processes share one folder.
"""

import base64
import os
import sys

sys.dont_write_bytecode = True  # importing our own module below must leave no __pycache__ in the tree
from lookout_result import anomaly_types, load_result, percent  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FONT = os.path.join(HERE, "..", "..", "fonts", "DejaVuSans.ttf")
OPACITY = 128
LIME = (0, 255, 0)
WHITE = (255, 255, 255)
BLACK = (0, 0, 0)
THUMB_WIDTH = 256
THUMB_QUALITY = 85


def panel_lines(image_path, result):
    lines = [
        (f"File: {image_path}", LIME, None),
        (f"Prediction: {'Anomalous' if result.get('IsAnomalous') else 'Normal'}", LIME, None),
        (f"Confidence: {percent(float(result.get('Confidence', 0)))}", LIME, None),
    ]
    legend = sorted(anomaly_types(result), key=lambda t: (-t[2], t[0]))
    return lines + [(f"{name}  {percent(area, space=True)}", WHITE, color) for name, color, area in legend]


def layout(size):
    return max(2, size // 4), max(1, size // 8), max(2, size // 3)


# ------------------------------------------------------------------------------------------------ OpenCV


def opencv_annotate(image_path, result, mask_bytes=None, mask_path=None):
    import cv2
    import numpy as np

    photo = cv2.imread(image_path, cv2.IMREAD_COLOR)  # BGR, EXIF orientation applied
    if photo is None:
        raise SystemExit(f"error: {image_path}: cannot decode")
    if mask_path:
        mask = cv2.imread(mask_path, cv2.IMREAD_UNCHANGED)
    elif mask_bytes:
        mask = cv2.imdecode(np.frombuffer(mask_bytes, np.uint8), cv2.IMREAD_UNCHANGED)
    else:
        mask = None
    types = anomaly_types(result)
    if mask is not None and types:
        if mask.ndim == 2:
            mask = cv2.cvtColor(mask, cv2.COLOR_GRAY2BGRA)
        elif mask.shape[2] == 3:
            mask = cv2.cvtColor(mask, cv2.COLOR_BGR2BGRA)
        height, width = photo.shape[:2]
        if mask.shape[:2] != (height, width):
            mask = cv2.resize(mask, (width, height), interpolation=cv2.INTER_NEAREST)
        alpha = mask[:, :, 3].astype(np.uint16)
        for _, (r, g, b), _ in types:
            match = (mask[:, :, 0] == b) & (mask[:, :, 1] == g) & (mask[:, :, 2] == r)
            weight = np.where(match, (alpha * OPACITY + 127) // 255, 0).astype(np.uint16)[:, :, None]
            color = np.array((b, g, r), np.uint16)
            photo = ((photo * (255 - weight) + color * weight + 127) // 255).astype(np.uint8)
    height, width = photo.shape[:2]
    size = min(96, max(12, min(width, height) // 30))
    pad, gap, margin = layout(size)
    face = cv2.FONT_HERSHEY_SIMPLEX
    scale = cv2.getFontScaleFromHeight(face, size)
    (_, ascent), descent = cv2.getTextSize("Hg", face, scale, 1)
    box_height = ascent + descent + 2 * pad
    y = margin
    for text, text_color, swatch in panel_lines(image_path, result):
        lead = 0 if swatch is None else ascent + max(2, size // 3)
        (text_width, _), _ = cv2.getTextSize(text, face, scale, 1)
        box_width = min(width - 2 * margin, text_width + 2 * pad + lead)
        cv2.rectangle(photo, (margin, y), (margin + box_width - 1, y + box_height - 1), BLACK, -1)
        if swatch is not None:
            sx, sy = margin + pad, y + pad
            cv2.rectangle(photo, (sx, sy), (sx + ascent - 1, sy + ascent - 1), WHITE, -1)
            inset = max(1, ascent // 10)
            bgr = swatch[::-1]
            cv2.rectangle(photo, (sx + inset, sy + inset), (sx + ascent - 1 - inset, sy + ascent - 1 - inset), bgr, -1)
        cv2.putText(photo, text, (margin + pad + lead, y + pad + ascent), face, scale, text_color[::-1], 1, cv2.LINE_AA)
        y += box_height + gap
    return photo


def opencv_save_png(photo, path, level=None):
    import cv2

    params = [] if level is None else [cv2.IMWRITE_PNG_COMPRESSION, level]
    if not cv2.imwrite(path, photo, params):
        raise SystemExit(f"error: {path}: cannot write")


def opencv_thumbnail(photo, path):
    import cv2

    height, width = photo.shape[:2]
    thumb_height = max(1, round(height * THUMB_WIDTH / width))
    thumb = cv2.resize(photo, (THUMB_WIDTH, thumb_height), interpolation=cv2.INTER_AREA)
    cv2.imwrite(path, thumb, [cv2.IMWRITE_JPEG_QUALITY, THUMB_QUALITY])


# ------------------------------------------------------------------------------------------------ libvips


def vips_annotate(image_path, result, mask_path=None, mask_bytes=None):
    import pyvips

    photo = pyvips.Image.new_from_file(image_path).autorot()
    if photo.bands == 4:
        photo = photo.flatten()
    if mask_path:
        mask = pyvips.Image.new_from_file(mask_path)
    elif mask_bytes:
        mask = pyvips.Image.new_from_buffer(mask_bytes, "")
    else:
        mask = None
    types = anomaly_types(result)
    if mask is not None and types:
        if mask.bands < 3:
            mask = mask.colourspace("srgb")
        if not mask.hasalpha():
            mask = mask.bandjoin(255)
        if (mask.width, mask.height) != (photo.width, photo.height):
            mask = mask.resize(photo.width / mask.width, vscale=photo.height / mask.height, kernel="nearest")
        alpha = mask[3]
        for _, color, _ in types:
            match = (mask[0] == color[0]) & (mask[1] == color[1]) & (mask[2] == color[2])
            weight = match.ifthenelse((alpha * OPACITY + 127) / 255, 0).cast("uchar")
            photo = ((photo * (255 - weight) + weight * list(color) + 127) / 255).cast("uchar")
    width, height = photo.width, photo.height
    size = min(96, max(12, min(width, height) // 30))
    pad, gap, margin = layout(size)
    font = f"DejaVu Sans {size}px"
    ascent = round(size * 0.928)  # DejaVu Sans ascent/descent per em
    descent = round(size * 0.236)
    box_height = ascent + descent + 2 * pad
    texts = []
    y = margin
    for text, text_color, swatch in panel_lines(image_path, result):
        lead = 0 if swatch is None else ascent + max(2, size // 3)
        rendered = pyvips.Image.text(text.replace("&", "&amp;").replace("<", "&lt;"), fontfile=FONT, font=font)
        box_width = min(width - 2 * margin, rendered.width + 2 * pad + lead)
        texts.append((rendered, margin + pad + lead, y + pad, text_color, swatch, box_width, y))
        y += box_height + gap

    # pyvips 3 draws on a private copy and returns it (the first draw renders the pipeline into memory).
    for rendered, x, ty, text_color, swatch, box_width, top in texts:
        photo = photo.draw_rect(list(BLACK), margin, top, box_width, box_height, fill=True)
        if swatch is not None:
            sx, sy = margin + pad, top + pad
            inset = max(1, ascent // 10)
            photo = photo.draw_rect(list(WHITE), sx, sy, ascent, ascent, fill=True)
            photo = photo.draw_rect(list(swatch), sx + inset, sy + inset, ascent - 2 * inset, ascent - 2 * inset,
                                    fill=True)
        photo = photo.draw_mask(list(text_color), rendered, x, ty)
    return photo


# ------------------------------------------------------------------------------------------------ Pillow


def pillow_annotate(image_path, result, mask_bytes):
    import io

    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    sys.path.insert(0, HERE)
    import pillow_annotate as pa
    from PIL import Image

    source = Image.open(image_path)
    photo = source.convert("RGB")
    types = pa.anomaly_types(result)
    if mask_bytes and types:
        mask = Image.open(io.BytesIO(mask_bytes)).convert("RGBA")
        if mask.size != photo.size:
            mask = mask.resize(photo.size, Image.NEAREST)
        photo = pa.blend_mask(photo, mask, types)
    pa.draw_panel(photo, image_path, result)
    return photo


def pillow_thumbnail(photo, path):
    from PIL import Image

    thumb_height = max(1, round(photo.height * THUMB_WIDTH / photo.width))
    photo.resize((THUMB_WIDTH, thumb_height), Image.BILINEAR, reducing_gap=2.0).save(
        path, format="JPEG", quality=THUMB_QUALITY
    )


# ------------------------------------------------------------------------------------------------ main


def batch(lib, folder, out, shard):
    index, count = (int(v) for v in shard.split("/"))
    os.makedirs(out, exist_ok=True)
    names = sorted(n for n in os.listdir(folder) if n.endswith(".jpg"))[index::count]
    for name in names:
        image = os.path.join(folder, name)
        result = load_result(image + ".out")
        mask_bytes = base64.b64decode(result["AnomalyMask"]) if result.get("AnomalyMask") else None
        stem = os.path.join(out, name[:-4])
        if lib == "pillow":
            photo = pillow_annotate(image, result, mask_bytes)
            photo.save(stem + ".png", format="PNG")
            pillow_thumbnail(photo, stem + ".thumb.jpg")
        else:
            photo = opencv_annotate(image, result, mask_bytes=mask_bytes)
            opencv_save_png(photo, stem + ".png")
            opencv_thumbnail(photo, stem + ".thumb.jpg")
    return 0


def main(argv):
    if len(argv) >= 1 and argv[0] == "batch":
        if len(argv) != 6 or argv[1] not in ("pillow", "opencv") or argv[4] != "--shard":
            raise SystemExit("usage: peer_annotate.py batch pillow|opencv DIR OUT_DIR --shard I/N")
        return batch(argv[1], argv[2], argv[3], argv[5])
    import argparse

    parser = argparse.ArgumentParser(description="Annotate a photo with a DetectAnomalies result (peers).")
    parser.add_argument("lib", choices=("opencv", "vips"))
    parser.add_argument("image")
    parser.add_argument("result")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--mask")
    parser.add_argument("--level", type=int)
    args = parser.parse_args(argv)
    result = load_result(args.result)
    mask_bytes = None
    if not args.mask and result.get("AnomalyMask"):
        mask_bytes = base64.b64decode(result["AnomalyMask"])
    if args.lib == "opencv":
        photo = opencv_annotate(args.image, result, mask_bytes=mask_bytes, mask_path=args.mask)
        opencv_save_png(photo, args.output, args.level)
    else:
        photo = vips_annotate(args.image, result, mask_path=args.mask, mask_bytes=mask_bytes)
        options = {} if args.level is None else {"compression": args.level}
        photo.pngsave(args.output, **options)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

// Overlay — painting what a detector found over the photo: the mask compositor, the text panel and its legend.
// No I/O and no parsing: results are read into values by the `Detections` module; everything here takes pixels
// and values and returns values or throws; reading files and printing warnings is the caller's job.
//
// Contract
//
// Mask compositor (`MaskCompositor`, `CompositeOptions`, `CompositeReport`, `CompositeError`)
// - Works on `Raster.Pixmap` (RGBA8, straight alpha, stride = width × 4). The photo is modified in place, in
//   its STORED orientation; the mask must have the same size (`Pixmap.scaledNearest` resizes it first for
//   `--fit-mask`; decoding it is the codecs' job).
// - Mask pixels are matched by RGB to the background colour and the types' colours (exact or nearest within a
//   per-channel tolerance). Alpha 0 means background whatever the RGB. Background is never painted; colours no
//   entry lists are not painted but reported (`unlistedPixels`, `unlistedColors`) so the caller can warn.
// - Fill: source-over in the type's colour with effective alpha `div255(round(opacity·255) · maskAlpha)`.
//   Contour (optional): opaque, in the type's colour, on the pixels just outside each region (region = type
//   pixels with mask alpha ≥ 128) within the outline width. Photo pixels neither filled nor outlined stay
//   bit-identical.
// - Measured area per type: pixels with mask alpha ≥ 128 over all pixels, comparable to `TotalPercentageArea`.
// - One labelling (`LabelMap`, asked for with `keepLabels`): the class of every pixel with alpha ≥ 128
//   as the pass matched it (tolerance included) — what is painted, what the areas count, what the report's IoU
//   compares. Callers never label a mask themselves.
// - IoU, defined once (`MaskAgreement`): on two labellings, truth and prediction, per class (names matched
//   ignoring case) or class-agnostic (any class; binary truth masks). An empty union has no IoU (nil).
//   `AgreementCompositor` paints the agreement per pixel: true positive #009E73, false positive #D55E00,
//   false negative #0072B2 (Okabe–Ito, colour-blind safe); pixels set in neither stay bit-identical.
// - Performance: one pass over the pixels for all types (runs of equal mask colour are classified once), a
//   one-byte label per pixel only when contours are drawn or the labelling is kept, contours by a distance transform over a ring of
//   2·width + 1 rows. A 4096×4096 photo and mask take tens of milliseconds.
// - Fill and contour use the type's `paintColor` when set (`--class-color`); the mask is still matched by `color`.
// - Regions (`composite(…, findRegions: true)`): the connected (8-connected, one type) regions, found from the runs of the label
//   buffer on the rows holding labels — no second pass over the pixels — largest first (`MaskRegion`); none
//   for a mask of over `RegionFinder.maxRuns` runs. `Markers` rings the small ones (`MarkerMode`) so that they
//   survive thumbnailing; a ring never paints inside its region.
// - Errors (`CompositeError`) are thrown before any pixel is touched.
//
// Heat maps (`HeatMapCompositor`, `HeatMapOptions`, `HeatMapReport`, `Colormap`)
// - A `ScoreMap` is painted through a 256-colour table (turbo, jet, inferno, viridis): nothing below the floor,
//   an opaque contour just outside the region at or above the threshold, maps of another size scaled
//   bilinearly. Integer work after one fixed-point conversion per map score. The legend's colour bar is a
//   `Panel.ColorBar` entry.

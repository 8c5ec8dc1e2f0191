// Overlay — what a `DetectAnomalies` result says, and painting it over the photo. No I/O: everything here
// takes bytes or values and returns values or throws; reading files and printing warnings is the caller's job.
//
// Contract
//
// Result model (`DetectAnomaliesResult`, `Anomaly`, `ResultError`)
// - `DetectAnomaliesResult.parse(_:)` reads JSON bytes in either shape: `{"DetectAnomalyResult": {…}}` (AWS
//   CLI/SDK) or the bare inner object (the SageMaker successor's `<image>.out`). It is also `Codable`; encoding
//   always writes the AWS shape.
// - Strict where it matters: the bytes must be UTF-8 (a UTF-8 BOM is skipped), the JSON must follow RFC 8259
//   (duplicate member names are refused), `IsAnomalous` must be a JSON boolean (`1` is not), `Confidence` and
//   `TotalPercentageArea` JSON numbers in 0…1 (a quoted "0.9" is not), `Color` exactly `#` + 6 hex digits
//   (any case). Unknown fields are ignored; `null` optional fields count as absent.
// - Limits, checked while reading: `Name` and `Source.Type` at most 1,000 bytes of UTF-8
//   (`DetectAnomaliesResult.maxTextFieldBytes`), at most 100,000 JSON values in the document (a result has a few
//   hundred; a value's tree takes 20–40 times its text), containers at most 256 deep. The caller bounds the
//   bytes (the CLI reads 64 MiB at most); `AnomalyMask` is decoded only up to `maxAnomalyMaskCharacters`.
// - `TotalPercentageArea` is a FRACTION (0…1) despite its name.
// - The background entry is the one named "background" (any case), wherever it stands — the service puts it
//   first with `#FFFFFF`. If no entry has that name, every entry is an anomaly type (`defectTypes`).
// - Errors (`ResultError`) are one line each and name the JSON path, what was expected and what was found:
//   `DetectAnomalyResult.Anomalies[1].PixelAnomaly.Color: expected "#" and 6 hex digits, got "#12345G"`.
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
// - Performance: one pass over the pixels for all types (runs of equal mask colour are classified once), a
//   one-byte label per pixel only when contours are drawn, contours by a distance transform over a ring of
//   2·width + 1 rows. A 4096×4096 photo and mask take tens of milliseconds.
// - Errors (`CompositeError`) are thrown before any pixel is touched.

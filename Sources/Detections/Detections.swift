// Detections — what a detector said about an image, read from its wire format. The seam between the formats
// detectors write and the compositor that paints them: `Overlay` paints values from here and never parses.
// No I/O: everything here takes bytes and returns values or throws; reading files is the caller's job.
//
// Contract
//
// The model (`Detection`)
// - One detection per image: its `source` (the format that read it), an optional `verdict` (anomalous?,
//   confidence, optional raw score and threshold; nil for ground truth), the anomaly `classes` (name, colour,
//   reported area; background excluded, in source order), the `backgroundColor` and the `mask`: an encoded
//   colour/label PNG, a decoded label image, or a `ScoreMap` (grey 8/16-bit or float) with its threshold.
// - Everything downstream (compositor, panel, report) works on `Detection` only; no wire format leaks past it.
//
// Formats (`ResultFormat`, `ResultFormats`)
// - A format has a `name`, claims result files beside an image (`resultPaths(forImage:)`), recognises its bytes
//   (`claims(_:)`, cheap) and reads them (`read(_:)`; JSON formats also `read(inline:)` for a JSON Lines
//   `result` object). The registry `ResultFormats` is what `--input-format` chooses from.
// - The names are a contract, documented in the README: `auto` (sniff each file; `lookout` when nothing
//   claims it), `lookout` (Lookout for Vision `DetectAnomalies`, wrapped, bare, `.out`), `dda` (Defect
//   Detection Application capture records), `anomaly-map` (grey PNG or `.npy` score maps and anomalib's JSON
//   sidecars; PNG maps are decoded here, through `Codecs`). New formats get new names; names never change meaning.
// - Record formats (`readsRecords`, the DDA's): a JSON Lines line names its own image and files; it reads into
//   a `CaptureRecord` with the references as written (mapping and reading them is the caller's job).
// Ground truth (`GroundTruthSource`, `GroundTruthSources`, `GroundTruth`)
// - The source names are a contract as well: `manifest` (Lookout for Vision / Ground Truth manifests, colour
//   masks, IoU per class matched by name ignoring case) and `mvtec` (MVTec AD-style trees: `test/<defect>/NNN.png`
//   with `ground_truth/<defect>/NNN_mask.png`, binary masks, `good` = normal, IoU class-agnostic).
// - A folder layout recognises its root by its entries and maps an image's relative path to its truth (mask path
//   relative to the root); reading the files is the caller's job. Truth is drawn and measured as a `Detection`
//   without verdict (`GroundTruth.detection(mask:)`): its pixels follow the prediction's rule (`LabelMap`).
// - One strict JSON path (`JSONValue.parse`) for result files, `anomark report`'s JSON Lines lines and the
//   results inline in them; base64 masks are decoded once, while reading.
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

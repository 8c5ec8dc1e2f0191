// AnomarkReport — batch reports (`anomark report`) over the annotate pipeline of AnomarkKit, which knows nothing
// of them: every item is drawn by AnomarkKit's `Annotator`, exactly as `anomark annotate` draws it.
//
// Contract
//
// Inputs (`ReportInputs`): folders (images + `<image>.out` / `<image>.json` / `<stem>.json` beside them or
// mirrored under `--results`), image files, JSON Lines lists and Lookout for Vision / Ground Truth manifests
// (`--path-map` for `s3://` and absolute references). Items are sorted by key (the relative image path) and get unique, safe
// output names (`ReportNaming`): nothing is ever written outside OUTDIR whatever the input names. A folder that a
// ground-truth layout recognises (`GroundTruthSources`: `mvtec`, a folder with `test/` and `ground_truth/`) is a
// dataset: its test images with their truth, predictions mirrored under `--results`.
//
// IoU (`ReportIoU`) is `Overlay.MaskAgreement`'s, on the compositor's labellings: per class for manifests,
// class-agnostic for binary truth (and score maps); an empty union lists no entry and counts in no mean.
//
// Processing: `jobs` worker threads pull items from a shared counter (`WorkPool`), so at most `jobs`
// images are in memory; one `Annotator` with one `TextRenderer` (fonts, glyph cache) serves all threads. Each
// item (`ReportItemJob`) never throws: a bad image, result or mask becomes a failed record with its error.
// Writes are atomic per file; the item's record is appended to the run's journal (`.anomark/items.jsonl`, one
// per shard) after its images, and a re-run skips items whose outputs are still the ones a record names and
// newer than their inputs (`ReportResume`; `--force` redoes all).
// `.anomark/outputs.json` records the files runs wrote; those of items whose input disappeared are removed
// (`ReportOwnedOutputs`), nothing else. The output folder, and any folder holding a report, is never input.
//
// Outputs (`ReportLayout`): `annotated/`, `thumbnails/`, `contact-sheet.png` (+ pages), `summary.json`,
// `summary.csv` and `index.html`, written last (`ReportWriter`). Nothing in them depends on timing, core count
// or the shard split, so `--merge` of shards equals a single run. `index.html` (`ReportHTML`) is rendered from
// the summary alone; its items are one JSON block (`ReportPageData`, `ScriptJSON`-escaped) that the page's script
// draws, filters and re-thresholds client-side with `PageAssets`' shared pieces.
//
// Sharding (`ReportShard`): `--shard K/N` keeps the items whose key hashes (FNV-1a) to K mod N. Every shard
// still enumerates all inputs, so names stay unique across shards and `summary.json` records the total for
// the merge's completeness check (`ReportMerge`).
//
// Exit status (`ReportOutcome.exitCode`): 0 all items fine, 1 report written with failed items; errors that
// prevent a report are `AnomarkError`s: 64 usage, 65 bad data, 66 input missing, 73 cannot create, 74 I/O.

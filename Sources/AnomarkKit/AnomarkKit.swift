// AnomarkKit — the library behind the `anomark` command. The executable only parses arguments, calls this
// library and maps `AnomarkError` to an exit code; everything else lives here.
//
// Contract
// - `Annotator` turns (image bytes, result, optional mask) into an annotated `Pixmap` and encoded bytes. It does
//   no file I/O, so batch reports (the AnomarkReport module, built on this one) reuse it with one shared
//   `TextRenderer`.
// - `AnnotateJob` wraps it with file I/O: reads the inputs (a result may come from stdin), and writes the output
//   atomically (a temporary file in the output's folder, then rename), so a failure never leaves a partial
//   file and never touches an existing output.
// - Every failure is an `AnomarkError`: one line `error: <file>: <problem>` and a sysexits-style exit code
//   (65 bad data, 66 input missing, 73 cannot create output, 74 other I/O, 64 usage).

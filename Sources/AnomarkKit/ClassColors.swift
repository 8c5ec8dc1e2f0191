import Raster

/// `--class-color NAME=#RRGGBB` choices: the colour to paint and list an anomaly type in, by its exact name.
package enum ClassColors {
    /// Parses `NAME=COLOUR` specs (the last `=` splits, so a name may hold one); COLOUR is `#RRGGBB` or a colour
    /// name, painted opaque. An empty name, a bad colour or a name given twice is a usage error saying which.
    package static func parse(_ specs: [String]) throws(AnomarkError) -> [String: Color] {
        var colors: [String: Color] = [:]
        for spec in specs {
            guard let equals = spec.lastIndex(of: "="), equals != spec.startIndex else {
                throw AnomarkError(.usage, file: nil, "--class-color: expected NAME=#RRGGBB, got '\(spec)'")
            }
            let name = String(spec[..<equals])
            let text = String(spec[spec.index(after: equals)...])
            guard let color = Color(parsing: text) else {
                throw AnomarkError(
                    .usage, file: nil, "--class-color \(name): expected #RRGGBB or a colour name, got '\(text)'")
            }
            if colors[name] != nil {
                throw AnomarkError(.usage, file: nil, "--class-color: '\(name)' is given twice")
            }
            colors[name] = color.withAlpha(255)
        }
        return colors
    }
}

import Foundation
import Raster
import Testing

@testable import TextRender

/// FreeType settings must come from code, not from the FREETYPE_PROPERTIES environment variable.
@Suite("FreeType environment", .serialized)
struct EnvironmentTests {
    static let sample = "Hamburgefonstiv 0123 AVWa"
    /// What a user might have in their environment: stem darkening on, old TrueType interpreter.
    static let properties =
        "autofitter:no-stem-darkening=0 cff:no-stem-darkening=0 truetype:interpreter-version=35"

    @Test func freetypePropertiesVariableDoesNotChangePixels() throws {
        setenv("FREETYPE_PROPERTIES", Self.properties, 1)
        let withVariable = TestSupport.render(try TestSupport.bundledRenderer(), Self.sample, size: 13)
        unsetenv("FREETYPE_PROPERTIES")
        let without = TestSupport.render(try TestSupport.bundledRenderer(), Self.sample, size: 13)
        #expect(TestSupport.count(.black, in: withVariable) < withVariable.pixelCount)
        #expect(TestSupport.differingPixels(withVariable, without) == 0)
    }

    /// Shows that the test above can fail: stem darkening, which the variable asks for, changes the pixels.
    @Test func stemDarkeningWouldChangePixels() throws {
        var darkening = FreeTypeProperties.standard
        darkening.stemDarkening = true
        let darkened = try TextRenderer(
            fonts: [.embedded], options: TestSupport.noSystemFonts, properties: darkening)
        let standard = try TestSupport.bundledRenderer()
        let a = TestSupport.render(darkened, Self.sample, size: 13)
        let b = TestSupport.render(standard, Self.sample, size: 13)
        #expect(TestSupport.differingPixels(a, b) > 0)
    }
}

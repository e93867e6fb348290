import Model
import Tensor
import XCTest

/// Checks each named parameter's gradient of `loss` (already back-propagated into `model`) against
/// a central finite difference at its largest entry, where the difference is well above noise.
func assertGradientsMatchFiniteDifferences(_ model: VLM, _ names: [String], loss: () -> Float,
                                           file: StaticString = #filePath, line: UInt = #line) throws {
    for name in names {
        let tensor = try XCTUnwrap(model.parameters[name], name, file: file, line: line)
        let gradient = try XCTUnwrap(tensor.gradient, name, file: file, line: line)
        let index = gradient.indices.max { abs(gradient[$0]) < abs(gradient[$1]) }!
        let original = tensor.data[index], h: Float = 1e-2
        tensor.data[index] = original + h
        let plus = withoutGradients(loss)
        tensor.data[index] = original - h
        let minus = withoutGradients(loss)
        tensor.data[index] = original
        let numeric = (plus - minus) / (2 * h)
        XCTAssertGreaterThan(abs(gradient[index]), 1e-4, name, file: file, line: line)
        XCTAssertEqual(numeric, gradient[index], accuracy: 0.05 * abs(gradient[index]) + 1e-4, name, file: file, line: line)
    }
}

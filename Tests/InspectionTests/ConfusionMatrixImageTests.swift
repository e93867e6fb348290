import Imaging
import Inspection
import Metrics
import XCTest

/// The confusion-matrix picture grows with its classes and marks correct cases apart from errors.
final class ConfusionMatrixImageTests: XCTestCase {
    func testMoreClassesGiveALargerPicture() throws {
        let two = try ConfusionMatrixImage.draw(ConfusionMatrix(labelled: ["normal", "a"], predicted: ["normal", "a"]), title: "t")
        let four = try ConfusionMatrixImage.draw(
            ConfusionMatrix(labelled: ["normal", "a", "b", "c"], predicted: ["normal", "a", "b", "c"]), title: "t")
        XCTAssertGreaterThan(four.width, two.width)
        XCTAssertGreaterThan(four.height, two.height)
    }

    func testAPerfectAndAnAllWrongMatrixDiffer() throws {
        let right = try ConfusionMatrixImage.draw(ConfusionMatrix(labelled: ["a", "normal"], predicted: ["a", "normal"]), title: "t")
        let wrong = try ConfusionMatrixImage.draw(ConfusionMatrix(labelled: ["a", "normal"], predicted: ["normal", "a"]), title: "t")
        XCTAssertEqual(right.width, wrong.width); XCTAssertEqual(right.height, wrong.height)
        // Shaded cells: green dominates when the diagonal is full, blue when it is empty.
        func sums(_ image: RGBImage) -> (green: Int, blue: Int) {
            var g = 0, b = 0
            for y in 0..<image.height { for x in 0..<image.width {
                let (r0, g0, b0) = (Int(image[x, y, 0]), Int(image[x, y, 1]), Int(image[x, y, 2]))
                if g0 > r0 + 40 && g0 > b0 + 40 { g += 1 }
                if b0 > r0 + 40 && b0 > g0 + 20 { b += 1 }
            } }
            return (g, b)
        }
        let r = sums(right), w = sums(wrong)
        XCTAssertGreaterThan(r.green, w.green)
        XCTAssertGreaterThan(w.blue, r.blue)
    }
}

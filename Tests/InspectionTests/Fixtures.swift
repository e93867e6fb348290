import Annotations
import Foundation
import Imaging
import Inspection

/// Small classifications and images shared by the report and JSON tests.
enum Fixtures {
    static func classification(image: String, width: Int = 64, height: Int = 48) -> ImageClassification {
        ImageClassification(
            image: image, width: width, height: height, verdict: .anomalous, anomalyScore: 0.83,
            violatedTypes: [ViolatedType(type: "missing_fruit_icon", coarseClass: "quantity")],
            steps: [
                EvidenceStep(index: 1, id: "top_label", subquery: "top label <found>", answer: "found",
                             boxes: [Box(x0: 10, y0: 12, x1: 40, y1: 30)], confidence: 0.91),
                EvidenceStep(index: 2, id: "fruit_icon", subquery: "fruit icon & \"centre\"", answer: "missing", boxes: [], confidence: 0.42),
            ],
            modelVerdict: .anomalous, modelTypes: ["missing_fruit_icon"],
            generatedText: "1 top label: found <box>\n2 fruit icon: missing\nverdict: missing_fruit_icon")
    }

    /// A gray-blue picture written as PNG.
    static func writeImage(to url: URL, width: Int = 64, height: Int = 48) throws {
        var image = RGBImage(width: width, height: height, fill: 0)
        for y in 0..<height { for x in 0..<width {
            image[x, y, 0] = 90; image[x, y, 1] = 110; image[x, y, 2] = 140
        } }
        try PNGEncoder.write(image, to: url)
    }

    static func temporaryFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

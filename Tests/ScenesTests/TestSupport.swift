import Foundation
import Annotations
import Imaging
import Scenes

/// A fresh temporary folder, removed by the caller.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("scenes-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Every regular file under `root`, as relative paths, sorted.
func files(under root: URL) -> [String] {
    let base = root.standardizedFileURL.path
    guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
    var out: [String] = []
    for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        out.append(String(url.standardizedFileURL.path.dropFirst(base.count + 1)))
    }
    return out.sorted()
}

/// One rendered scene of every defect case (and a normal one) of a category.
func renderAllCases(_ category: SceneCategory, seed: UInt64, longSide: Int) throws -> [(DefectCase, RenderedScene)] {
    try ([DefectCase.normal] + category.defectCases).enumerated().map { i, c in
        (c, try SceneRenderer.render(category: category, defects: c.types, seed: seed &+ UInt64(i), longSide: longSide))
    }
}

/// The pixels of an RGB image whose colour satisfies `test`, as pixel centres.
func pixels(of image: RGBImage, where test: (Int, Int, Int) -> Bool) -> [(x: Double, y: Double)] {
    var out: [(Double, Double)] = []
    for y in 0..<image.height {
        for x in 0..<image.width where test(Int(image[x, y, 0]), Int(image[x, y, 1]), Int(image[x, y, 2])) {
            out.append((Double(x) + 0.5, Double(y) + 0.5))
        }
    }
    return out
}

extension Box {
    func contains(_ p: (x: Double, y: Double), margin: Double) -> Bool {
        p.x >= x0 - margin && p.x <= x1 + margin && p.y >= y0 - margin && p.y <= y1 + margin
    }
}

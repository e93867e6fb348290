import Annotations
import Imaging
import Instruct
import Randomness
import Rules
import Scenes

/// Rendered scenes of every defect case of every category, shared by the tests (rendered once).
enum Fixtures {
    struct Scene {
        let image: RGBImage
        let annotation: ImageAnnotation
        let rendered: [String]
    }

    static let longSide = 128

    static let ruleBooks: [String: RuleBook] = {
        Dictionary(uniqueKeysWithValues: SceneCategory.allCases.map { ($0.rawValue, try! RuleBook.bundled($0.rawValue)) })
    }()

    static func plan(_ category: String) -> Plan { ruleBooks[category]!.plan }

    /// One scene per defect case and one normal scene per category, rendered from `seed`.
    static func scenes(seed: UInt64 = 7) -> [Scene] {
        SceneCategory.allCases.flatMap { category in
            ([DefectCase.normal] + category.defectCases).enumerated().map { i, c in
                var g = SeededGenerator(seed: seed, stream: [SeededGenerator.streamID(category.rawValue), UInt64(i)])
                let s = try! SceneRenderer.render(category: category, defects: c.types, generator: &g, longSide: longSide)
                var a = s.annotation
                a.image = "\(category.rawValue)/\(c.description).png"
                return Scene(image: s.image, annotation: a, rendered: c.types)
            }
        }
    }

    static let all: [Scene] = scenes()

    /// The normal scenes of a category, several seeds.
    static func normals(_ category: SceneCategory, count: Int, seed: UInt64 = 11) -> [Scene] {
        (0..<count).map { i in
            var g = SeededGenerator(seed: seed, stream: [SeededGenerator.streamID(category.rawValue), 1000 + UInt64(i)])
            let s = try! SceneRenderer.render(category: category, defects: [], generator: &g, longSide: longSide)
            return Scene(image: s.image, annotation: s.annotation, rendered: [])
        }
    }
}

import Annotations
import Imaging
import Instruct
import Randomness
import Rules
import Scenes
import XCTest

/// Augmentations move annotations with the pixels, keep colour-defined attributes readable, and
/// every augmented sample carries the oracle's labels of its transformed annotation.
final class AugmentationTests: XCTestCase {
    /// Property over every defect case of every category and many seeds: the default policy keeps
    /// the types, every part stays inside, and the written chain-of-thought reads back to the
    /// oracle's answers on the transformed annotation.
    func testAugmentedSamplesKeepOracleConsistentLabels() throws {
        var transforms = 0
        for scene in Fixtures.all {
            let plan = Fixtures.plan(scene.annotation.category)
            let augmenter = Augmenter(plan: plan)
            let synth = InstructionSynthesizer(plan: plan)
            let parser = CoTParser(plan: plan)
            for seed in 0..<8 as Range<UInt64> {
                var rng = SeededGenerator(seed: seed, stream: [SeededGenerator.streamID(scene.annotation.image)])
                let aug = try augmenter.augment(scene.image, scene.annotation, using: &rng)
                let context = "\(scene.annotation.image) seed \(seed) \(aug.applied)"
                transforms += aug.applied.filter { ["shift", "scale", "crop", "rotate"].contains($0.split(separator: " ")[0]) }.count
                let truth = try Oracle(plan: plan).run(aug.annotation)
                XCTAssertEqual(aug.annotation.defects, truth.types.sorted(), context)
                XCTAssertEqual(aug.annotation.defects, scene.rendered, "label changed by a label-preserving augmentation: \(context)")
                for p in aug.annotation.parts {
                    XCTAssertTrue(p.box.x0 >= 0 && p.box.y0 >= 0 && p.box.x1 <= Double(aug.image.width) && p.box.y1 <= Double(aug.image.height), context)
                }
                let sample = try synth.inspection(image: aug.image, annotation: aug.annotation, augmentations: aug.applied, using: &rng)
                XCTAssertEqual(sample.defects, truth.types, context)
                let parsed = parser.parse(sample.response, width: sample.width, height: sample.height)
                XCTAssertEqual(parsed.verdict, truth.types.sorted(), context)
                XCTAssertEqual(plan.evaluate(parsed.answers).types, truth.types, context)
                XCTAssertEqual(parsed.missing, [], context)
            }
        }
        XCTAssertGreaterThan(transforms, 200, "too few geometric transforms were drawn")
    }

    /// A part's pixels are where its moved outline says: the mean colour inside the moved outline
    /// of the moved image matches the mean inside the original outline.
    func testBoxesAndPolygonsMoveWithThePixels() throws {
        let scenes = Fixtures.all.filter { $0.rendered.isEmpty }
        let transforms: [GeometricTransform] = [.shift(dx: 5, dy: -3), .scale(1.07), .scale(0.93), .rotate(degrees: 3),
                                                .rotate(degrees: -2.5), .crop(x: 6, y: 4, width: 112, height: 90),
                                                .flipHorizontal, .flipVertical]
        for scene in scenes {
            for t in transforms {
                var transform = t
                if case .crop = t {
                    // The crop of this image's aspect at 90 %.
                    let w = scene.image.width, h = scene.image.height
                    transform = .crop(x: w / 20, y: h / 20, width: Int(Double(w) * 0.9), height: Int(Double(h) * 0.9))
                }
                let image = transform.apply(to: scene.image, fill: 0)
                let annotation = transform.apply(to: scene.annotation)
                XCTAssertEqual([image.width, image.height], [scene.image.width, scene.image.height])
                for (before, after) in zip(scene.annotation.parts, annotation.parts) where before.box.area >= 80 {
                    XCTAssertEqual(before.id, after.id)
                    let m0 = meanColour(scene.image, before), m1 = meanColour(image, after)
                    let diff = zip(m0, m1).map { abs($0 - $1) }.reduce(0, +) / 3
                    XCTAssertLessThan(diff, 14, "\(scene.annotation.category) \(transform) \(before.cls) \(before.id): \(m0) vs \(m1)")
                }
            }
        }
    }

    /// Photometric changes drawn from the default policy keep every colour attribute nearest to its
    /// own colour in the palette measured on clean renders.
    func testColourJitterKeepsColourDefinedAttributes() throws {
        var clean: [(RGBImage, ImageAnnotation)] = []
        for c in [SceneCategory.juiceBottle, .splicingConnectors] {
            clean += Fixtures.normals(c, count: 12).map { ($0.image, $0.annotation) }
        }
        let palette = ColourPalette.measure(clean, attributes: ["colour"])
        XCTAssertEqual(palette.values(of: "liquid", "colour"), ["red", "white", "yellow"])
        XCTAssertEqual(palette.values(of: "cable", "colour"), ["blue", "red", "yellow"])
        var checked = 0
        for scene in Fixtures.all where ["juice_bottle", "splicing_connectors"].contains(scene.annotation.category) {
            let augmenter = Augmenter(plan: Fixtures.plan(scene.annotation.category))
            for seed in 0..<30 as Range<UInt64> {
                var rng = SeededGenerator(seed: seed)
                var image = scene.image
                let adjustments = augmenter.drawPhotometric(using: &rng)
                for a in adjustments { image = a.apply(to: image) }
                for part in scene.annotation.parts where ["liquid", "cable"].contains(part.cls) {
                    guard let truth = part[attribute: "colour"]?.stringValue, part.box.area >= 40 else { continue }
                    let seen = try XCTUnwrap(ColourPalette.visibleColour(of: part, in: image, scene.annotation))
                    XCTAssertEqual(palette.nearest(seen, cls: part.cls, attribute: "colour"), truth,
                                   "\(scene.annotation.image) seed \(seed) \(adjustments) \(meanColour(scene.image, part)) -> \(meanColour(image, part)) palette \(palette.colours)")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 500)
    }

    func testFlipsAreDrawnOnlyWhereMarkedLabelPreserving() throws {
        let plan = Fixtures.plan("screw_bag")
        let scenes = Fixtures.all.filter { $0.annotation.category == "screw_bag" }
        var policy = AugmentationPolicy()
        policy.labelPreservingFlips = [.horizontal, .vertical]
        policy.geometricProbability = 1
        var flips = 0
        for scene in scenes {
            for seed in 0..<4 as Range<UInt64> {
                var rng = SeededGenerator(seed: seed)
                let plain = try Augmenter(plan: plan).augment(scene.image, scene.annotation, using: &rng)
                XCTAssertFalse(plain.applied.contains { $0.hasPrefix("flip") })
                let aug = try Augmenter(plan: plan, policy: policy).augment(scene.image, scene.annotation, using: &rng)
                flips += aug.applied.filter { $0.hasPrefix("flip") }.count
                XCTAssertEqual(aug.annotation.defects, scene.rendered, "\(scene.annotation.image) \(aug.applied)")
            }
        }
        XCTAssertGreaterThan(flips, 10)
    }

    func testSizeMismatchIsAnError() {
        let scene = Fixtures.all[0]
        var rng = SeededGenerator(seed: 1)
        let small = RGBImage(width: 10, height: 10)
        XCTAssertThrowsError(try Augmenter(plan: Fixtures.plan(scene.annotation.category)).augment(small, scene.annotation, using: &rng)) {
            XCTAssertTrue("\($0)".contains("10x10"), "\($0)")
        }
    }
}

/// Mean RGB inside a part's polygon (or box), measured independently of the library's masks.
func meanColour(_ image: RGBImage, _ part: Part) -> [Double] {
    var sum = [0.0, 0.0, 0.0], n = 0.0
    let poly = part.polygon ?? []
    for y in max(0, Int(part.box.y0))..<min(image.height, Int(part.box.y1.rounded(.up))) {
        for x in max(0, Int(part.box.x0))..<min(image.width, Int(part.box.x1.rounded(.up))) {
            let px = Double(x) + 0.5, py = Double(y) + 0.5
            if poly.count >= 3 {
                var inside = false
                var j = poly.count - 1
                for i in 0..<poly.count {
                    if (poly[i][1] > py) != (poly[j][1] > py),
                       px < (poly[j][0] - poly[i][0]) * (py - poly[i][1]) / (poly[j][1] - poly[i][1]) + poly[i][0] { inside.toggle() }
                    j = i
                }
                if !inside { continue }
            } else if !part.box.contains(x: px, y: py) { continue }
            for c in 0..<3 { sum[c] += Double(image[x, y, c]) }
            n += 1
        }
    }
    return n > 0 ? sum.map { $0 / n } : sum
}

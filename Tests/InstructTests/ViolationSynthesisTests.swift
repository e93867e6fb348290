import Annotations
import Imaging
import Instruct
import Randomness
import Rules
import Scenes
import XCTest

/// Edits of normal images carry the type the edit was meant to create, per the oracle.
final class ViolationSynthesisTests: XCTestCase {
    private func normal(_ category: SceneCategory, _ i: Int = 0) -> Fixtures.Scene { Fixtures.normals(category, count: i + 1)[i] }

    private func palette() -> ColourPalette {
        let clean = [SceneCategory.juiceBottle, .splicingConnectors].flatMap { Fixtures.normals($0, count: 12) }
        return ColourPalette.measure(clean.map { ($0.image, $0.annotation) }, attributes: ["colour"])
    }

    private func edit(_ scene: Fixtures.Scene, _ e: PartEdit, palette: ColourPalette = ColourPalette()) throws -> AugmentedImage {
        try ViolationSynthesizer(plan: Fixtures.plan(scene.annotation.category), palette: palette).apply(e, to: scene.image, scene.annotation)
    }

    private func first(_ scene: Fixtures.Scene, _ cls: String) -> Part { scene.annotation.parts(of: cls).min { $0.id < $1.id }! }

    func testRemovingPartsGivesTheMissingTypes() throws {
        let cases: [(SceneCategory, String, [String])] = [
            (.breakfastBox, "tangerine", ["1_nectarine_1_tangerine"]),
            (.juiceBottle, "fruit_icon", ["missing_fruit_icon"]),
            (.juiceBottle, "bottom_label", ["missing_bottom_label"]),
            (.pushpins, "pushpin", ["missing_pushpin"]),
            (.pushpins, "separator", ["missing_separator"]),
            (.screwBag, "washer", ["1_missing_washer"]),
            (.splicingConnectors, "cable", ["missing_cable"]),
        ]
        for (category, cls, expected) in cases {
            let scene = normal(category)
            let part = first(scene, cls)
            let out = try edit(scene, .remove(part: part.id))
            XCTAssertEqual(out.annotation.defects, expected, "\(category) remove \(cls)")
            XCTAssertFalse(out.annotation.parts.contains { $0.id == part.id })
            // The pixels changed inside the part and nowhere far from it.
            let before = meanColour(scene.image, part), after = meanColour(out.image, part)
            XCTAssertGreaterThan(zip(before, after).map { abs($0 - $1) }.reduce(0, +), 15, "\(category) \(cls) not painted out")
            let b = part.box
            for y in 0..<scene.image.height {
                for x in 0..<scene.image.width where !Box(x0: b.x0 - 3, y0: b.y0 - 3, x1: b.x1 + 3, y1: b.y1 + 3).contains(x: Double(x), y: Double(y)) {
                    let inner = scene.annotation.parts.contains { q in q.box.contains(x: Double(x), y: Double(y)) && q.box.x0 >= b.x0 - 1 && q.box.x1 <= b.x1 + 1 && q.box.y0 >= b.y0 - 1 && q.box.y1 <= b.y1 + 1 }
                    if inner { continue }
                    XCTAssertEqual(out.image[x, y, 0], scene.image[x, y, 0], "\(category) \(cls): pixel \(x),\(y) changed")
                }
            }
        }
    }

    func testDuplicatingMovingSwappingAndRecolouring() throws {
        let bag = normal(.screwBag)
        let nut = first(bag, "nut")
        var rng = SeededGenerator(seed: 5)
        let synth = ViolationSynthesizer(plan: Fixtures.plan("screw_bag"))
        // Find a clear place through a random duplicate edit of the nut.
        var duplicated: AugmentedImage?
        for _ in 0..<50 {
            if case .duplicate(let id, let dx, let dy)? = synth.randomEdit(bag.annotation, using: &rng), id == nut.id {
                duplicated = try synth.apply(.duplicate(part: id, dx: dx, dy: dy), to: bag.image, bag.annotation)
                break
            }
        }
        let dup = try XCTUnwrap(duplicated)
        XCTAssertEqual(dup.annotation.defects, ["1_additional_nut"])
        XCTAssertEqual(dup.annotation.parts(of: "nut").count, 3)
        let copy = dup.annotation.parts(of: "nut").max { $0.id < $1.id }!
        let d = zip(meanColour(bag.image, nut), meanColour(dup.image, copy)).map { abs($0 - $1) }.reduce(0, +)
        XCTAssertLessThan(d, 6, "the copy does not look like the nut")

        // A swap of a nut and a washer keeps every count: still normal.
        let swapped = try synth.apply(.swap(nut.id, first(bag, "washer").id), to: bag.image, bag.annotation)
        XCTAssertEqual(swapped.annotation.defects, [])

        let p = palette()
        let juice = normal(.juiceBottle)
        let liquid = first(juice, "liquid")
        let other = p.values(of: "liquid", "colour").first { $0 != liquid[attribute: "colour"]?.stringValue }!
        let recoloured = try edit(juice, .recolour(part: liquid.id, attribute: "colour", value: other), palette: p)
        XCTAssertEqual(recoloured.annotation.defects, ["wrong_juice_type"])
        XCTAssertEqual(p.nearest(ColourPalette.visibleColour(of: liquid, in: recoloured.image, recoloured.annotation)!,
                                 cls: "liquid", attribute: "colour"), other)
        // The labels on the juice keep their colour.
        let bottomLabel = first(juice, "bottom_label")
        XCTAssertEqual(meanColour(recoloured.image, bottomLabel), meanColour(juice.image, bottomLabel))

        let connectors = normal(.splicingConnectors)
        let cable = first(connectors, "cable")
        let wrong = p.values(of: "cable", "colour").first { $0 != cable[attribute: "colour"]?.stringValue }!
        let cableEdit = try edit(connectors, .recolour(part: cable.id, attribute: "colour", value: wrong), palette: p)
        XCTAssertEqual(cableEdit.annotation.defects, ["cable_color"])

        // Moving the fruit icon far off the label centre misplaces it.
        let icon = first(juice, "fruit_icon"), label = first(juice, "top_label")
        let dx = Int((label.box.x1 - icon.box.x1).rounded(.down)) - 1
        let moved = try edit(juice, .move(part: icon.id, dx: dx, dy: 0))
        XCTAssertEqual(moved.annotation.defects, ["misplaced_fruit_icon"])
    }

    func testBadEditsAreErrors() {
        let scene = normal(.pushpins)
        XCTAssertThrowsError(try edit(scene, .remove(part: 9999))) { XCTAssertEqual($0 as? InstructError, .unknownPart(id: 9999, image: scene.annotation.image)) }
        let pin = first(scene, "pushpin")
        XCTAssertThrowsError(try edit(scene, .move(part: pin.id, dx: 10_000, dy: 0)))
        XCTAssertThrowsError(try edit(scene, .recolour(part: pin.id, attribute: "colour", value: "green")))
    }

    /// Random edits of normal images, many seeds: the label is always the oracle's, and the
    /// edits reach many types of every category.
    func testRandomEditsAreLabelledByTheOracleAndReachManyTypes() throws {
        let p = palette()
        for category in SceneCategory.allCases {
            let plan = Fixtures.plan(category.rawValue)
            let synth = ViolationSynthesizer(plan: plan, palette: p)
            var reached = Set<String>()
            for (i, scene) in Fixtures.normals(category, count: 4).enumerated() {
                for seed in 0..<15 as Range<UInt64> {
                    var rng = SeededGenerator(seed: seed, stream: [UInt64(i)])
                    guard let e = synth.randomEdit(scene.annotation, using: &rng) else { continue }
                    guard let out = try? synth.apply(e, to: scene.image, scene.annotation) else { continue }
                    XCTAssertEqual(out.annotation.defects, try Oracle(plan: plan).run(out.annotation).types.sorted())
                    reached.formUnion(out.annotation.defects)
                }
            }
            print("\(category): random edits reached \(reached.sorted())")
            XCTAssertGreaterThanOrEqual(reached.count, 2, "\(category): \(reached)")
        }
    }
}

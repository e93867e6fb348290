import XCTest
import Annotations
import Rules

/// Regions laid over the image (grids, zones) and the presence check that requires absence, on a
/// rule-book for a new product line: no code, only YAML.
final class RegionTests: XCTestCase {
    static let tray = """
    category: egg_tray
    parts:
      egg: {}
      crack: {}
    regions:
      slots: {grid: [2, 3], of: image}
      left_third: {zone: [0, 0, 0.4, 1], of: image}
    subqueries:
      - id: extra_eggs
        observe: {cells: slots, count: egg, expect: 1, report: excess}
      - id: empty_slots
        observe: {cells: slots, count: egg, expect: 1, report: short}
      - id: eggs_left
        observe: {count: egg, in: left_third}
      - id: cracks
        observe: {count: crack}
    constraints:
      - {id: one_per_slot, kind: count, coarse: quantity, over: extra_eggs, normal: 0, otherwise: extra_egg}
      - {id: no_empty_slot, kind: count, coarse: quantity, over: empty_slots, normal: 0, otherwise: missing_egg}
      - {id: left_full, kind: count, coarse: layout, over: eggs_left, normal: 2, otherwise: unbalanced}
      - {id: no_crack, kind: presence, coarse: composition, over: cracks, require: absent, raise: cracked}
    """

    /// A 300 x 200 image: slots are 100 x 100.
    private func tray(_ eggs: [(Double, Double)], cracks: Int = 0) -> ImageAnnotation {
        var parts = eggs.enumerated().map { Part(id: $0.offset, cls: "egg", box: HandBuilt.box($0.element.0, $0.element.1, 30, 40)) }
        for i in 0..<cracks { parts.append(Part(id: 100 + i, cls: "crack", box: HandBuilt.box(50, 50, 4, 4))) }
        return ImageAnnotation(category: "egg_tray", split: "test", label: "good", image: "a.png", width: 300, height: 200,
                               defects: [], parts: parts)
    }

    func testGridCellsZonesAndAbsence() throws {
        let oracle = Oracle(plan: try RuleBook(yaml: Self.tray, file: "egg_tray.yaml").plan)
        let full = [(50.0, 50.0), (150, 50), (250, 50), (50, 150), (150, 150), (250, 150)]
        XCTAssertEqual(try oracle.run(tray(full)).types, [])
        // An egg moved from slot (1, 2) to slot (0, 0): one extra, one empty, the left third then holds 3 eggs instead of 2.
        var moved = full; moved[5] = (60, 40)
        let result = try oracle.run(tray(moved))
        XCTAssertEqual(result.types, ["extra_egg", "missing_egg", "unbalanced"])
        XCTAssertEqual(result.trail.first { $0.subquery == "empty_slots" }?.answer, .boxes([Box(x0: 200, y0: 100, x1: 300, y1: 200)]))
        XCTAssertEqual(try oracle.run(tray(full, cracks: 1)).types, ["cracked"])
    }
}

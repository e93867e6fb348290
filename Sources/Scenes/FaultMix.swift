import Randomness

/// The faults of a varied scene (`SceneRenderer.renderVaried`) for a product whose rules are
/// mostly yes/no checks: each group independently, with its chance, contributes one of its
/// types, so a check that one LOCO case in a dozen fails fails in a good share of the scenes.
/// Groups hold the types that exclude each other; the oracle sorts out what a mix violates.
struct FaultMix {
    let groups: [(chance: Double, types: [String])]

    init(_ groups: [(chance: Double, types: [String])]) { self.groups = groups }

    /// A random mix of faults, possibly none.
    func draw(using g: inout SeededGenerator) -> Set<String> {
        var mix = Set<String>()
        for group in groups where g.uniform(0, 1) < group.chance {
            mix.insert(g.pick(group.types))
        }
        return mix
    }
}

/// An edit of part instances, through their outlines (polygon, else box). Parts lying inside the
/// edited part (an icon on its label, toppings on a pile) go along with it.
public enum PartEdit: Hashable, Sendable, CustomStringConvertible {
    /// Paints the part out with its surroundings and drops it from the annotation.
    case remove(part: Int)
    /// Pastes a copy of the part `dx`, `dy` pixels away, as a new part.
    case duplicate(part: Int, dx: Int, dy: Int)
    /// Moves the part `dx`, `dy` pixels.
    case move(part: Int, dx: Int, dy: Int)
    /// Exchanges the places of two parts (centre to centre).
    case swap(Int, Int)
    /// Gives the part the colour of another value of a colour-like attribute (from a `ColourPalette`).
    case recolour(part: Int, attribute: String, value: String)

    public var description: String {
        switch self {
        case .remove(let p): return "remove part \(p)"
        case .duplicate(let p, let dx, let dy): return "duplicate part \(p) by \(dx) \(dy)"
        case .move(let p, let dx, let dy): return "move part \(p) by \(dx) \(dy)"
        case .swap(let a, let b): return "swap parts \(a) \(b)"
        case .recolour(let p, let a, let v): return "recolour part \(p) \(a) \(v)"
        }
    }
}

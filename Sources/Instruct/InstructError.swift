/// Why instruction synthesis could not go on; each case names the value or file at fault.
public enum InstructError: Error, CustomStringConvertible, Equatable, Sendable {
    /// An answer's number has no word in the closed vocabulary (see `NumberWords`).
    case numberOutOfVocabulary(subquery: String, value: Int, limit: Int)
    /// The annotation is of another category than the plan.
    case categoryMismatch(annotation: String, plan: String)
    /// The annotation and its image disagree on the size.
    case sizeMismatch(image: String, imageWidth: Int, imageHeight: Int, annotationWidth: Int, annotationHeight: Int)
    /// A part asked to be edited is not in the annotation.
    case unknownPart(id: Int, image: String)
    /// An edit asked of violation synthesis cannot be carried out on this image.
    case editNotApplicable(String)
    /// A file of the dataset or the output could not be read or written.
    case io(path: String, reason: String)
    /// An argument of the command is out of its range.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .numberOutOfVocabulary(let s, let v, let limit):
            return "subquery '\(s)': the number \(v) has no word in the vocabulary (numbers 0...\(limit)); use a coarser step in the rule-book"
        case .categoryMismatch(let a, let p):
            return "annotation of category '\(a)' given to the plan of '\(p)'"
        case .sizeMismatch(let image, let iw, let ih, let aw, let ah):
            return "\(image): image is \(iw)x\(ih) but its annotation says \(aw)x\(ah)"
        case .unknownPart(let id, let image):
            return "\(image.isEmpty ? "annotation" : image): no part with id \(id)"
        case .editNotApplicable(let why):
            return "edit not applicable: \(why)"
        case .io(let path, let reason):
            return "\(path): \(reason)"
        case .invalidArgument(let why):
            return why
        }
    }
}

import Foundation

/// The juice_bottle rule-book for real photos: the shipped rule-book's checks with zones and a
/// fill band measured on real normal photos as `JuiceBottleAnnotator` sees them (see
/// docs/real-photos.md). Load it with `RuleBook.load(from:)`, or pass it to
/// `logicls rules check --rules`.
public enum RealRuleBook {
    public static var juiceBottleURL: URL {
        Bundle.module.resourceURL!.appendingPathComponent("RuleBooks/juice_bottle_real.yaml")
    }
}

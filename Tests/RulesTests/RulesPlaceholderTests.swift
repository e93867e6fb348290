import XCTest

final class RulesPlaceholderTests: XCTestCase {}

import XCTest

final class InspectionPlaceholderTests: XCTestCase {}

import XCTest

final class InstructPlaceholderTests: XCTestCase {}

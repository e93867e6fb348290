import XCTest

final class ModelPlaceholderTests: XCTestCase {}

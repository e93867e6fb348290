import XCTest

final class DatasetPlaceholderTests: XCTestCase {}

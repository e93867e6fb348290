import XCTest

final class ImagingPlaceholderTests: XCTestCase {}

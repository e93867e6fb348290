import Foundation
import Tensor
import XCTest

/// A wrong shape stops the program (in release builds too) with a message naming both shapes.
/// Each case runs in a child process: this same test, re-launched with the case's name in the
/// environment, performs the faulty call.
final class ShapeErrorTests: XCTestCase {
    static let variable = "TENSOR_SHAPE_ERROR_CASE"

    static let cases: [String: (call: () -> Void, shapes: [String])] = [
        "matmul": ({ _ = matmul(Tensor(zeros: [2, 3]), Tensor(zeros: [4, 5])) }, ["[2, 3]", "[4, 5]"]),
        "linear": ({ _ = linear(Tensor(zeros: [2, 3]), weight: Tensor(zeros: [4, 5])) }, ["[2, 3]", "[4, 5]"]),
        "add": ({ _ = Tensor(zeros: [2, 3]) + Tensor(zeros: [4]) }, ["[2, 3]", "[4]"]),
        "attention": ({ _ = attention(query: Tensor(zeros: [1, 2, 8]), key: Tensor(zeros: [1, 2, 6]), value: Tensor(zeros: [1, 2, 6]), heads: 2, mask: .causal) },
                      ["[1, 2, 8]", "[1, 2, 6]"]),
        "layerNorm": ({ _ = layerNorm(Tensor(zeros: [2, 3]), weight: Tensor(zeros: [4]), bias: Tensor(zeros: [4])) }, ["[2, 3]", "[4]"]),
        "conv2d": ({ _ = conv2d(Tensor(zeros: [1, 3, 8, 8]), weight: Tensor(zeros: [4, 2, 3, 3])) }, ["[1, 3, 8, 8]", "[4, 2, 3, 3]"]),
    ]

    func testWrongShapesStopWithBothShapesNamed() throws {
        if let name = ProcessInfo.processInfo.environment[Self.variable] {
            Self.cases[name]?.call()
            return
        }
        #if os(Linux)
        let binary = URL(fileURLWithPath: CommandLine.arguments[0])
        for (name, testCase) in Self.cases.sorted(by: { $0.key < $1.key }) {
            let child = Process()
            child.executableURL = binary
            child.arguments = ["TensorTests.ShapeErrorTests/testWrongShapesStopWithBothShapesNamed"]
            child.environment = ProcessInfo.processInfo.environment.merging([Self.variable: name, "SWIFT_BACKTRACE": "enable=no"]) { $1 }
            let errors = Pipe()
            child.standardError = errors
            child.standardOutput = FileHandle.nullDevice
            try child.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            child.waitUntilExit()
            XCTAssertEqual(child.terminationReason, .uncaughtSignal, "\(name) must stop the program")
            let fatalLine = message.split(separator: "\n").first { $0.contains("Fatal error") } ?? ""
            for shape in testCase.shapes {
                XCTAssertTrue(fatalLine.contains(shape), "\(name): '\(fatalLine)' does not name \(shape)")
            }
        }
        #else
        throw XCTSkip("re-launching the test binary is implemented for Linux's XCTest runner")
        #endif
    }
}

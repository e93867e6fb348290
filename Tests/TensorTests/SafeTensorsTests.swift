import Foundation
import Tensor
import XCTest

/// Checkpoint round trips, rejection of damaged files, and interoperability with Python's
/// `safetensors` package.
final class SafeTensorsTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func sample() -> [String: Tensor] {
        ["encoder.weight": parameter([3, 4], seed: 1), "encoder.bias": parameter([4], seed: 2), "scale": Tensor(shape: [], scalars: [2.5])]
    }

    func testRoundTripKeepsNamesShapesAndBits() throws {
        let url = folder.appendingPathComponent("model.safetensors")
        let tensors = sample()
        try SafeTensors.save(tensors, to: url, metadata: ["step": "12"])
        let loaded = try SafeTensors.load(from: url)
        XCTAssertEqual(Set(loaded.keys), Set(tensors.keys))
        for (name, t) in tensors {
            XCTAssertEqual(loaded[name]!.shape, t.shape)
            XCTAssertEqual(loaded[name]!.scalars, t.scalars)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "model.safetensors" }
        XCTAssertEqual(leftovers, [], "the temporary file is renamed away")
    }

    func testLoadIntoChecksNamesAndShapes() throws {
        let url = folder.appendingPathComponent("model.safetensors")
        try SafeTensors.save(sample(), to: url)
        let target = ["encoder.weight": Tensor(zeros: [3, 4]), "encoder.bias": Tensor(zeros: [4]), "scale": Tensor(zeros: [])]
        try SafeTensors.load(from: url, into: target)
        XCTAssertEqual(target["scale"]!.item, 2.5)

        let wrongShape = ["encoder.weight": Tensor(zeros: [4, 3]), "encoder.bias": Tensor(zeros: [4]), "scale": Tensor(zeros: [])]
        XCTAssertThrowsError(try SafeTensors.load(from: url, into: wrongShape)) { error in
            XCTAssertEqual(error as? SafeTensorsError, .shapeMismatch(path: url.path, tensor: "encoder.weight", expected: [4, 3], found: [3, 4]))
            XCTAssertTrue("\(error)".contains("[3, 4]") && "\(error)".contains("[4, 3]"))
        }
        XCTAssertThrowsError(try SafeTensors.load(from: url, into: ["other": Tensor(zeros: [1])])) { error in
            XCTAssertEqual(error as? SafeTensorsError, .missingTensor(path: url.path, tensor: "other"))
        }
        XCTAssertThrowsError(try SafeTensors.load(from: url, into: ["scale": Tensor(zeros: [])])) { error in
            XCTAssertEqual(error as? SafeTensorsError, .unexpectedTensor(path: url.path, tensor: "encoder.bias"))
        }
    }

    func testRejectsDamagedFiles() throws {
        let url = folder.appendingPathComponent("model.safetensors")
        try SafeTensors.save(sample(), to: url)
        let bytes = try Data(contentsOf: url)
        func load(_ data: Data) -> SafeTensorsError? {
            let damaged = folder.appendingPathComponent("damaged.safetensors")
            try? data.write(to: damaged)
            do { _ = try SafeTensors.load(from: damaged); return nil } catch { return error as? SafeTensorsError }
        }
        guard case .truncated = load(bytes.prefix(bytes.count - 1)) else { return XCTFail("one byte short must be truncated") }
        guard case .truncated = load(bytes.prefix(5)) else { return XCTFail("a 5-byte file must be truncated") }
        guard case .truncated = load(bytes.prefix(20)) else { return XCTFail("a cut header must be truncated") }
        guard case .oversized(_, 3) = load(bytes + Data([1, 2, 3])) else { return XCTFail("trailing bytes must be rejected") }
        var garbage = bytes
        garbage[9] = UInt8(ascii: "#")
        guard case .malformedHeader = load(garbage) else { return XCTFail("a broken header must be rejected") }
        var huge = bytes
        huge.replaceSubrange(0..<8, with: [0, 0, 0, 0, 0, 0, 0, 1] as [UInt8])
        guard case .malformedHeader = load(huge) else { return XCTFail("an absurd header length must be rejected") }
        var f16 = bytes
        let dtype = f16.range(of: Data("F32".utf8))!
        f16.replaceSubrange(dtype, with: Data("F16".utf8))
        guard case .unsupportedDType = load(f16) else { return XCTFail("dtypes other than F32 must be rejected") }
        XCTAssertThrowsError(try SafeTensors.load(from: folder.appendingPathComponent("absent.safetensors"))) { error in
            guard case .cannotRead = error as? SafeTensorsError else { return XCTFail("a missing file must throw cannotRead, got \(error)") }
        }
    }

    func testPythonSafetensorsReadsSwiftFile() throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import safetensors, numpy"]
        probe.standardError = FileHandle.nullDevice
        do { try probe.run(); probe.waitUntilExit() } catch { throw XCTSkip("python3 is not installed; run scripts/setup") }
        guard probe.terminationStatus == 0 else { throw XCTSkip("Python's safetensors/numpy are not installed; run scripts/setup") }

        let url = folder.appendingPathComponent("interop.safetensors")
        let tensors = sample()
        try SafeTensors.save(tensors, to: url)
        let expected = tensors.keys.sorted().map { name in
            "'\(name)': (\(tensors[name]!.shape), [\(tensors[name]!.scalars.map { String($0.bitPattern) }.joined(separator: ","))])"
        }.joined(separator: ", ")
        let script = """
        import sys, numpy as np
        from safetensors.numpy import load_file
        loaded = load_file(sys.argv[1])
        expected = {\(expected)}
        assert set(loaded) == set(expected), (sorted(loaded), sorted(expected))
        for name, (shape, bits) in expected.items():
            array = loaded[name]
            assert array.dtype == np.float32, (name, array.dtype)
            assert list(array.shape) == shape, (name, array.shape, shape)
            assert array.reshape(-1).view(np.uint32).tolist() == bits, name
        print("ok")
        """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, url.path]
        let output = Pipe()
        python.standardOutput = output
        python.standardError = output
        try python.run()
        python.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(python.terminationStatus, 0, text)
        XCTAssertEqual(text.trimmingCharacters(in: .whitespacesAndNewlines), "ok")
    }
}

import Foundation

/// Checkpoints in the safetensors format: an 8-byte little-endian header length, a JSON header
/// naming each tensor's dtype, shape and byte range, then the raw little-endian data. Only F32.
public enum SafeTensors {
    /// Largest header accepted when reading (guards against absurd lengths in corrupt files).
    static let maximumHeaderBytes = 100 << 20

    /// Writes `tensors` by name to `url` atomically: the bytes go to a temporary file in the same
    /// folder, which is flushed to disk and then renamed over `url`, so a crash leaves either the
    /// old file or the new one, never a partial file.
    public static func save(_ tensors: [String: Tensor], to url: URL, metadata: [String: String] = [:]) throws {
        let data = encode(tensors, metadata: metadata)
        let path = url.path
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw SafeTensorsError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                written += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw SafeTensorsError.cannotWrite(path: path, reason: failure)
        }
    }

    /// The file's bytes for `tensors` (sorted by name).
    static func encode(_ tensors: [String: Tensor], metadata: [String: String]) -> Data {
        let names = tensors.keys.sorted()
        var entries: [String] = []
        if !metadata.isEmpty {
            let fields = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            entries.append("\"__metadata__\":{\(fields.joined(separator: ","))}")
        }
        var offset = 0
        for name in names {
            let t = tensors[name]!
            let bytes = t.count * 4
            entries.append("\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var data = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for name in names {
            let t = tensors[name]!
            #if _endian(little)
            data.append(UnsafeBufferPointer(start: t.pointer, count: t.count))
            #else
            for value in t.data { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
            #endif
        }
        return data
    }

    /// Reads every tensor of the file at `url`. Throws `SafeTensorsError` when the file is missing,
    /// truncated, longer than its header says, malformed, or holds a dtype other than F32.
    public static func load(from url: URL) throws -> [String: Tensor] {
        let path = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SafeTensorsError.cannotRead(path: path, reason: (error as NSError).localizedDescription)
        }
        return try decode(data, path: path)
    }

    /// Reads the file at `url` into `tensors` by name: every name must be in the file with the
    /// same shape, and the file must hold no other tensor. Nothing is changed if a check fails.
    public static func load(from url: URL, into tensors: [String: Tensor]) throws {
        let loaded = try load(from: url)
        for (name, tensor) in tensors {
            guard let source = loaded[name] else { throw SafeTensorsError.missingTensor(path: url.path, tensor: name) }
            guard source.shape == tensor.shape else {
                throw SafeTensorsError.shapeMismatch(path: url.path, tensor: name, expected: tensor.shape, found: source.shape)
            }
        }
        if let extra = loaded.keys.sorted().first(where: { tensors[$0] == nil }) {
            throw SafeTensorsError.unexpectedTensor(path: url.path, tensor: extra)
        }
        for (name, tensor) in tensors { tensor.pointer.update(from: loaded[name]!.pointer, count: tensor.count) }
    }

    static func decode(_ data: Data, path: String) throws -> [String: Tensor] {
        guard data.count >= 8 else {
            throw SafeTensorsError.truncated(path: path, detail: "\(data.count) bytes, shorter than the 8-byte header length")
        }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(maximumHeaderBytes) else {
            throw SafeTensorsError.malformedHeader(path: path, detail: "header length \(headerLength) exceeds \(maximumHeaderBytes) bytes")
        }
        guard Int(headerLength) <= data.count - 8 else {
            throw SafeTensorsError.truncated(path: path, detail: "header of \(headerLength) bytes but only \(data.count - 8) bytes follow")
        }
        let dataStart = 8 + Int(headerLength)
        let header = data.subdata(in: 8..<dataStart)
        guard let object = try? JSONSerialization.jsonObject(with: header), let entries = object as? [String: Any] else {
            throw SafeTensorsError.malformedHeader(path: path, detail: "the header is not a JSON object")
        }
        var ranges: [(name: String, shape: [Int], begin: Int, end: Int)] = []
        for (name, value) in entries where name != "__metadata__" {
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = (entry["shape"] as? [NSNumber])?.map(\.intValue),
                  let offsets = (entry["data_offsets"] as? [NSNumber])?.map(\.intValue), offsets.count == 2
            else { throw SafeTensorsError.malformedHeader(path: path, detail: "entry '\(name)' lacks dtype, shape or data_offsets") }
            guard dtype == "F32" else { throw SafeTensorsError.unsupportedDType(path: path, tensor: name, dtype: dtype) }
            guard shape.allSatisfy({ $0 >= 0 }), offsets[0] >= 0, offsets[1] >= offsets[0] else {
                throw SafeTensorsError.malformedHeader(path: path, detail: "entry '\(name)' has a negative extent or reversed offsets")
            }
            let elements = shape.reduce(1, *)
            guard offsets[1] - offsets[0] == elements * 4 else {
                throw SafeTensorsError.malformedHeader(path: path, detail: "entry '\(name)' of shape \(describe(shape)) spans \(offsets[1] - offsets[0]) bytes, not \(elements * 4)")
            }
            ranges.append((name, shape, offsets[0], offsets[1]))
        }
        ranges.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var expected = 0
        for r in ranges {
            guard r.begin == expected else {
                throw SafeTensorsError.malformedHeader(path: path, detail: "tensor '\(r.name)' starts at byte \(r.begin), expected \(expected) (gap or overlap)")
            }
            expected = r.end
        }
        let available = data.count - dataStart
        guard expected <= available else {
            throw SafeTensorsError.truncated(path: path, detail: "the header announces \(expected) data bytes but only \(available) are present")
        }
        guard expected == available else { throw SafeTensorsError.oversized(path: path, extraBytes: available - expected) }
        var result: [String: Tensor] = [:]
        data.withUnsafeBytes { raw in
            for r in ranges {
                let t = Tensor(zeros: r.shape)
                let source = raw.baseAddress! + dataStart + r.begin
                for i in 0..<t.count {
                    let bits = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
                    t.pointer[i] = Float(bitPattern: bits)
                }
                t.name = r.name
                result[r.name] = t
            }
        }
        return result
    }

    /// `value` as a JSON string literal.
    private static func jsonString(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

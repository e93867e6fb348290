import Foundation
import Model
import Tensor
import Training
import XCTest

final class TmpProbe: XCTestCase {
    func testProbe() throws {
        let path = ProcessInfo.processInfo.environment["PROBE_MODEL"] ?? ""
        guard !path.isEmpty else { throw XCTSkip("no probe") }
        let model = try VLM.load(directory: URL(fileURLWithPath: path))
        let classes = model.config.partClasses!
        let pin = classes.firstIndex(of: "pushpin")!, sep = classes.firstIndex(of: "separator")!
        let source = try RenderSource(categories: ["pushpins"], longSide: 256, paraphrase: false)
        for unit in source.caseUnits.indices {
            for seed in 0..<3 {
                let drawn = try source.inspection(caseUnit: unit, seed: UInt64(1000 + seed))
                let enc = try EncodedSample(drawn, config: model.config, tokenizer: model.tokenizer)
                let batch = try VLMBatch(samples: [enc.input], config: model.config, tokenizer: model.tokenizer)
                let logits = model.partLogits(batch)!.scalars
                let k = classes.count
                var predicted = [Int]()
                for p in 0..<model.config.patchCount {
                    let row = logits[(p * k)..<(p * k + k)]
                    predicted.append(row.indices.max { row[$0] < row[$1] }! - p * k)
                }
                let t = enc.input.partTargets!
                let truePins = t.filter { $0 == pin }.count, predPins = predicted.filter { $0 == pin }.count
                let hit = zip(t, predicted).filter { $0 == pin && $1 == pin }.count
                print("PROBE \(source.caseUnits[unit]) pins true \(truePins) predicted \(predPins) hit \(hit) | sep true \(t.filter { $0 == sep }.count) pred \(predicted.filter { $0 == sep }.count)")
            }
        }
    }
}

import Foundation
import Instruct
import Model
import Training
import XCTest

/// `verdictFromSteps`: a new model whose verdict line does not see the image.
final class VerdictFromStepsTrainingTests: XCTestCase {
    func testANewModelHidesTheImageFromItsVerdictLineAndSavesTheSetting() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-from-steps-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = ResumeTests.tinyConfiguration(steps: 2)
        configuration.verdictFromSteps = true
        let trainer = try Trainer(configuration: configuration, data: try DataSpecification("render:juice_bottle"), out: folder, resume: false,
                                  log: { _ in })
        XCTAssertEqual(trainer.model.config.imageHiddenFrom, CoTWords.verdict)
        XCTAssertTrue(trainer.header.contains("image hidden from 'verdict:' on"), trainer.header)
        XCTAssertEqual(try trainer.run().state.step, 2)
        XCTAssertEqual(try VLM.load(directory: folder).config.imageHiddenFrom, CoTWords.verdict)
        // Without the setting the verdict reads the image, as before.
        let plain = try Trainer(configuration: ResumeTests.tinyConfiguration(steps: 2), data: try DataSpecification("render:juice_bottle"),
                                out: folder.appendingPathComponent("plain"), resume: false, log: { _ in })
        XCTAssertNil(plain.model.config.imageHiddenFrom)
        XCTAssertFalse(plain.header.contains("image hidden"), plain.header)
    }

    func testAStartingModelWhoseVerdictReadsTheImageIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-from-steps-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let start = folder.appendingPathComponent("start")
        _ = try Trainer(configuration: ResumeTests.tinyConfiguration(steps: 2), data: try DataSpecification("render:juice_bottle"),
                        out: start, resume: false, log: { _ in }).run()
        var configuration = ResumeTests.tinyConfiguration(steps: 2)
        configuration.verdictFromSteps = true
        XCTAssertThrowsError(try Trainer(configuration: configuration, data: try DataSpecification("render:juice_bottle"),
                                         out: folder.appendingPathComponent("next"), resume: false, initialModel: start, log: { _ in })) { error in
            XCTAssertTrue("\(error)".contains("verdictFromSteps applies to a new model"), "\(error)")
        }
    }
}

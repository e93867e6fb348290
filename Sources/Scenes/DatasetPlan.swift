/// How many images of each split a synthetic dataset holds, at which size, from which seed.
public struct DatasetPlan: Sendable, Equatable {
    public var seed: UInt64
    public var train: Int
    public var validation: Int
    public var testGood: Int
    /// Images of each defect case of the category in `test/logical_anomalies`.
    public var testLogicalPerCase: Int
    public var longSide: Int

    public init(seed: UInt64 = 0, train: Int = 20, validation: Int = 5, testGood: Int = 10,
                testLogicalPerCase: Int = 3, longSide: Int = SceneRenderer.defaultLongSide) {
        self.seed = seed; self.train = train; self.validation = validation; self.testGood = testGood
        self.testLogicalPerCase = testLogicalPerCase; self.longSide = longSide
    }

    /// One image to render: where it goes and which defect case it shows.
    public struct Job: Sendable, Equatable {
        public var split: String
        public var label: String
        public var index: Int
        public var defects: DefectCase

        /// The image path relative to the category folder, e.g. `test/logical_anomalies/003.png`.
        public var imagePath: String { "\(split)/\(label)/\(Self.name(index)).png" }
        public var annotationPath: String { "annotations/\(split)/\(label)/\(Self.name(index)).json" }
        /// The folder of this image's masks, e.g. `ground_truth/logical_anomalies/003`.
        public var maskFolder: String { "ground_truth/\(label)/\(Self.name(index))" }

        static func name(_ i: Int) -> String { i < 1000 ? String(repeating: "0", count: 3 - String(i).count) + String(i) : String(i) }
    }

    /// Every image of the category, in a fixed order: train, validation, test good, then each
    /// defect case's images in the order of `category.defectCases`.
    public func jobs(for category: SceneCategory) -> [Job] {
        var jobs: [Job] = []
        jobs += (0..<train).map { Job(split: "train", label: "good", index: $0, defects: .normal) }
        jobs += (0..<validation).map { Job(split: "validation", label: "good", index: $0, defects: .normal) }
        jobs += (0..<testGood).map { Job(split: "test", label: "good", index: $0, defects: .normal) }
        var i = 0
        for c in category.defectCases {
            for _ in 0..<testLogicalPerCase {
                jobs.append(Job(split: "test", label: "logical_anomalies", index: i, defects: c)); i += 1
            }
        }
        return jobs
    }
}

// swift-tools-version:6.0
import PackageDescription

// Numeric targets skip dynamic exclusivity checks in release: their inner loops run over raw
// buffers whose sizes are checked once at the op boundary by preconditions that name the shapes
// (which stay on: -O, not -Ounchecked).
let numeric: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
// The tensor kernels are SIMD code: without a CPU target swiftc emits baseline SSE2 only (no AVX,
// no FMA), which makes them 2-3 times slower. haswell is AVX2 + FMA (the x86-64-v3 level, a name
// the Clang importer of this toolchain does not accept), the floor of the machines this runs on;
// other architectures keep the compiler's default.
#if arch(x86_64)
let tensorKernels: [SwiftSetting] = numeric + [.unsafeFlags(["-target-cpu", "haswell"])]
#else
let tensorKernels: [SwiftSetting] = numeric
#endif

let package = Package(
    name: "LogiCls",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "logicls", targets: ["logicls"]),
        .library(name: "Inspection", targets: ["Inspection"]),
        .library(name: "Model", targets: ["Model"]),
        .library(name: "Tensor", targets: ["Tensor"]),
        .library(name: "Randomness", targets: ["Randomness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // C libraries from Debian's -dev packages (installed by scripts/setup).
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),

        // Leaves.
        .target(name: "Tensor", dependencies: ["CBLAS", "Randomness"], swiftSettings: tensorKernels),
        .target(name: "Imaging", dependencies: ["CPNG", "CTurboJPEG", "CCairo"], swiftSettings: numeric),
        .target(name: "Annotations"),
        .target(name: "Randomness"),
        .target(name: "Metrics", dependencies: ["Annotations"]),

        // Data.
        .target(name: "Dataset", dependencies: ["Imaging", "Annotations", "Randomness"]),
        .target(name: "Scenes", dependencies: ["CCairo", "Imaging", "Annotations", "Randomness"], swiftSettings: numeric),
        .target(name: "Rules", dependencies: ["Annotations", "Yams"], resources: [.copy("RuleBooks")]),
        .target(name: "Annotator", dependencies: ["Imaging", "Annotations", "Dataset", "Rules", "Instruct", "Randomness", "CCairo"],
                resources: [.copy("RuleBooks")]),
        .target(name: "Instruct", dependencies: ["Rules", "Annotations", "Imaging", "Dataset", "Scenes", "Randomness"]),

        // Model and its use.
        .target(name: "Model", dependencies: ["Tensor", "Imaging", "Randomness"], swiftSettings: numeric),
        .target(name: "Training", dependencies: ["Annotations", "Model", "Instruct", "Metrics", "Rules", "Scenes", "Dataset", "Imaging", "Randomness", "Tensor", "Yams"], swiftSettings: numeric),
        .target(name: "Inspection", dependencies: ["Annotations", "Metrics", "Model", "Rules", "Instruct", "Dataset", "Imaging", "CCairo"]),

        .executableTarget(name: "logicls", dependencies: [
            "Inspection", "Training", "Instruct", "Rules", "Scenes", "Dataset", "Imaging", "Annotator", "Randomness",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Shared by the test targets that read the real juice_bottle photos.
        .target(name: "RealDataSupport", path: "Tests/RealDataSupport"),
        .testTarget(name: "TensorTests", dependencies: ["Tensor", "Randomness"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "CTurboJPEG", "Randomness"]),
        .testTarget(name: "DatasetTests", dependencies: ["RealDataSupport", "Dataset", "Scenes", "Annotations", "Imaging"]),
        .testTarget(name: "ScenesTests", dependencies: ["Scenes", "Annotations", "Imaging", "Randomness"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "Scenes", "Annotations"]),
        .testTarget(name: "AnnotatorTests", dependencies: ["RealDataSupport", "Annotator", "Rules", "Dataset", "Annotations", "Imaging", "Randomness"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "InstructTests", dependencies: ["Instruct", "Rules", "Scenes", "Annotations", "Imaging", "Randomness"]),
        .testTarget(name: "ModelTests", dependencies: ["Model", "Tensor", "Imaging", "Randomness"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "Model", "Instruct", "Scenes", "Dataset", "Randomness", "Rules", "Tensor"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "Annotations"]),
        .testTarget(name: "InspectionTests", dependencies: ["Inspection", "Imaging", "Annotations", "Rules", "Instruct", "Model", "Tensor", "Scenes", "Dataset", "Randomness", "Metrics"]),
    ],
    swiftLanguageModes: [.v5]
)

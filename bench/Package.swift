// swift-tools-version:6.0
import PackageDescription

// Benchmarks of the tensor engine, kept out of the main package (not built by CI).
// Run through `bench/engine-vs-pytorch`.
let package = Package(
    name: "LogiClsBench",
    dependencies: [.package(name: "LogiCls", path: "..")],
    targets: [
        // OpenBLAS directly, to time raw sgemm on the model's shapes.
        .systemLibrary(name: "BenchBLAS", pkgConfig: "openblas"),
        .executableTarget(
            name: "engine-bench",
            dependencies: [.product(name: "Model", package: "LogiCls"), .product(name: "Tensor", package: "LogiCls"),
                           .product(name: "Randomness", package: "LogiCls"), "BenchBLAS"],
            path: "Sources/EngineBench",
            swiftSettings: [.unsafeFlags(["-Ounchecked", "-wmo"])]),
    ],
    swiftLanguageModes: [.v5]
)

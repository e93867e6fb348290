import Annotations
import Imaging
import Randomness

/// Renders one scene of a product with a given defect case: image, annotation and masks.
/// The result depends only on the arguments and the generator's state.
public enum SceneRenderer {
    public static let defaultLongSide = 256

    /// Renders `category` carrying exactly `defects` (empty for a normal scene), which must be one
    /// of `category.defectCases`. The annotation's split is `test` for a defect case and `train`
    /// otherwise, and its image path is empty; `DatasetWriter` fills both in.
    public static func render(category: SceneCategory, defects: [String], generator: inout SeededGenerator,
                              longSide: Int = defaultLongSide) throws -> RenderedScene {
        guard (32...4096).contains(longSide) else { throw SceneError.invalidSize(longSide) }
        let wanted = DefectCase(defects)
        guard wanted.isNormal || category.defectCases.contains(wanted) else {
            throw SceneError.unknownDefectCase(category: category.rawValue, types: wanted.types,
                                               valid: category.defectCases.map(\.description))
        }
        return draw(category: category, defects: wanted, varied: false, generator: &generator, longSide: longSide)
    }

    /// Renders a training scene of `category` whose parts are drawn at random instead of
    /// following a defect case (`SceneCategory.isVaried`: pins per compartment, items per kind,
    /// a mix of faults of the bottle or of the cable and connectors), so that a model cannot
    /// answer a count or a yes/no check from the usual product without looking.
    /// Its annotation has the parts but no labels (`defects` empty, label `good`) and its masks
    /// may be incomplete: relabel it with the oracle (`Augmenter.relabel`) before use.
    public static func renderVaried(category: SceneCategory, generator: inout SeededGenerator,
                                    longSide: Int = defaultLongSide) throws -> RenderedScene {
        guard (32...4096).contains(longSide) else { throw SceneError.invalidSize(longSide) }
        guard category.isVaried else { throw SceneError.noVariedScene(category.rawValue) }
        return draw(category: category, defects: .normal, varied: true, generator: &generator, longSide: longSide)
    }

    private static func draw(category: SceneCategory, defects wanted: DefectCase, varied: Bool,
                             generator: inout SeededGenerator, longSide: Int) -> RenderedScene {
        let size = category.imageSize(longSide: longSide)
        let light = CameraAndLight.random(width: size.width, height: size.height, using: &generator)
        let scene = SceneContext(width: size.width, height: size.height, camera: light.camera)
        let types = Set(wanted.types)
        switch category {
        case .breakfastBox: BreakfastBoxScene.draw(types, in: scene, using: &generator)
        case .juiceBottle: JuiceBottleScene.draw(types, varied: varied, in: scene, using: &generator)
        case .pushpins: PushpinsScene.draw(types, varied: varied, in: scene, using: &generator)
        case .screwBag: ScrewBagScene.draw(types, varied: varied, in: scene, using: &generator)
        case .splicingConnectors: SplicingConnectorsScene.draw(types, varied: varied, in: scene, using: &generator)
        }
        let image = Sensor.capture(scene.canvas, light: light, using: &generator)
        let config = category.defectsConfig
        let masks = scene.regions.map { region in
            DefectMask(type: region.type,
                       image: MaskPainter.paint(region.outlines, value: UInt8(config.pixelValue(for: region.type)!),
                                                width: size.width, height: size.height, camera: light.camera))
        }
        let annotation = ImageAnnotation(
            category: category.rawValue, split: wanted.isNormal ? "train" : "test",
            label: wanted.isNormal ? "good" : "logical_anomalies", image: "",
            width: size.width, height: size.height, defects: wanted.types, parts: scene.parts)
        return RenderedScene(image: image, annotation: annotation, masks: masks)
    }

    /// Renders with a fresh generator for `seed`.
    public static func render(category: SceneCategory, defects: [String], seed: UInt64,
                              longSide: Int = defaultLongSide) throws -> RenderedScene {
        var g = SeededGenerator(seed: seed)
        return try render(category: category, defects: defects, generator: &g, longSide: longSide)
    }
}

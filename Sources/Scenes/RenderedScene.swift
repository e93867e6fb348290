import Annotations
import Imaging

/// A rendered image with its grounding annotation and one ground-truth mask per defect region.
public struct RenderedScene: Sendable {
    public var image: RGBImage
    public var annotation: ImageAnnotation
    /// One single-channel mask per defect region, filled with the type's pixel value.
    public var masks: [DefectMask]
}

/// A ground-truth mask: 0 outside the region, the type's `pixel_value` inside.
public struct DefectMask: Sendable {
    public var type: String
    public var image: RGBImage
}

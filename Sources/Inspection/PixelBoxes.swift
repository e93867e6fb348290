import Annotations
import Imaging

/// Maps boxes the model wrote, in coordinates relative to the picture it saw (0 = left/top edge,
/// 1 = right/bottom edge), to pixels of the image the user gave, clamped to that image.
public enum PixelBoxes {
    /// For a model fed the whole image resized to its input size: relative coordinates are
    /// fractions of the image's width and height.
    public static func map(_ relative: Box, width: Int, height: Int) -> Box {
        precondition(width > 0 && height > 0, "image size must be positive, got \(width)x\(height)")
        let w = Double(width), h = Double(height)
        return clamped(Box(x0: relative.x0 * w, y0: relative.y0 * h, x1: relative.x1 * w, y1: relative.y1 * h),
                       width: width, height: height)
    }

    /// For a model fed a letterboxed canvas: relative coordinates are fractions of the canvas,
    /// mapped back through the letterbox's scale and offset.
    public static func map(_ relative: Box, letterbox: Letterbox, originalWidth: Int, originalHeight: Int) -> Box {
        let cw = Double(letterbox.image.width), ch = Double(letterbox.image.height)
        let a = letterbox.toOriginal(x: relative.x0 * cw, y: relative.y0 * ch)
        let b = letterbox.toOriginal(x: relative.x1 * cw, y: relative.y1 * ch)
        return clamped(Box(x0: a.x, y0: a.y, x1: b.x, y1: b.y), width: originalWidth, height: originalHeight)
    }

    static func clamped(_ box: Box, width: Int, height: Int) -> Box {
        let w = Double(width), h = Double(height)
        return Box(x0: min(max(box.x0, 0), w), y0: min(max(box.y0, 0), h),
                   x1: min(max(box.x1, 0), w), y1: min(max(box.y1, 0), h))
    }
}

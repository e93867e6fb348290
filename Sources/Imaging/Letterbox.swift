/// An image resized to fit a fixed canvas with its aspect ratio kept, centred, the rest padded;
/// with the mapping between its pixel coordinates and those of the original image.
public struct Letterbox: Sendable {
    public let image: RGBImage
    /// Size of the resized content inside the canvas, over the original size, per axis.
    public let scaleX: Double
    public let scaleY: Double
    /// Top-left corner of the content in the canvas.
    public let offsetX: Int
    public let offsetY: Int

    /// A point of the original image (continuous pixel coordinates) in canvas coordinates.
    public func toCanvas(x: Double, y: Double) -> (x: Double, y: Double) {
        (x * scaleX + Double(offsetX), y * scaleY + Double(offsetY))
    }

    /// A canvas point in the original image's coordinates: maps a box found on the canvas back.
    public func toOriginal(x: Double, y: Double) -> (x: Double, y: Double) {
        ((x - Double(offsetX)) / scaleX, (y - Double(offsetY)) / scaleY)
    }
}

extension RGBImage {
    /// Fits the image into `width` x `height` keeping its aspect ratio (each side rounded to
    /// whole pixels, at least 1), centred, with borders of `value`.
    public func letterboxed(width canvasWidth: Int, height canvasHeight: Int, method: ResizeMethod = .area,
                            value: UInt8 = 0) -> Letterbox {
        precondition(canvasWidth > 0 && canvasHeight > 0, "letterbox size must be positive, got \(canvasWidth)x\(canvasHeight)")
        let scale = min(Double(canvasWidth) / Double(width), Double(canvasHeight) / Double(height))
        let w = min(canvasWidth, max(1, Int((Double(width) * scale).rounded())))
        let h = min(canvasHeight, max(1, Int((Double(height) * scale).rounded())))
        let left = (canvasWidth - w) / 2, top = (canvasHeight - h) / 2
        let canvas = resized(width: w, height: h, method: method)
            .padded(top: top, left: left, bottom: canvasHeight - h - top, right: canvasWidth - w - left, value: value)
        return Letterbox(image: canvas, scaleX: Double(w) / Double(width), scaleY: Double(h) / Double(height),
                         offsetX: left, offsetY: top)
    }
}

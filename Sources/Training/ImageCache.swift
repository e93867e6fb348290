import Foundation
import Imaging

/// Decoded images by path, kept after the first use: a finite data set is drawn from many times,
/// and decoding a PNG again each time would cost more than the training step.
final class ImageCache: @unchecked Sendable {
    private var images: [String: RGBImage] = [:]
    private let lock = NSLock()

    /// The image at `url`, decoded once. Throws the decoder's error naming the file.
    func image(at url: URL) throws -> RGBImage {
        lock.lock()
        if let cached = images[url.path] { lock.unlock(); return cached }
        lock.unlock()
        let image = try ImageDecoder.load(url).rgb()
        lock.lock()
        images[url.path] = image
        lock.unlock()
        return image
    }
}

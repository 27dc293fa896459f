package ai.lepton.layers;

import ai.lepton.autograd.Crop;
import ai.lepton.autograd.Resize;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * Keras's {@code smart_resize} (and {@code resize(crop_to_aspect_ratio=True)}): the largest
 * centred window of each image with the target's aspect ratio, resized to the target size, so
 * that nothing is stretched. For an image {@code (h, w)} and a target {@code (th, tw)} the window
 * is {@code cropH = clamp(floor(w th / tw), 1, h)} by {@code cropW = clamp(floor(h tw / th), 1, w)},
 * starting at {@code floor((h - cropH) / 2), floor((w - cropW) / 2)}.
 */
final class SmartResize {
    private SmartResize() {
    }

    /**
     * @param x a batch of images {@code (batch, h, w, c)}
     * @param height the target height
     * @param width the target width
     * @param interpolation {@code "bilinear"} or {@code "nearest"}
     * @return {@code (batch, height, width, c)}
     */
    static Tensor apply(Tensor x, int height, int width, String interpolation) {
        int[] s = Storage.shape(x);
        int[] window = window(s[1], s[2], height, width);
        Tensor cropped = window[2] == s[1] && window[3] == s[2] ? x
                : Crop.apply(x, new int[] {0, window[0], window[1], 0}, new int[] {s[0], window[2], window[3], s[3]});
        return Resize.apply(cropped, height, width, interpolation);
    }

    /**
     * @return {@code {top, left, cropHeight, cropWidth}} of the window
     */
    static int[] window(int h, int w, int height, int width) {
        int cropH = Math.max(Math.min(h, (int) ((double) w * height / width)), 1);
        int cropW = Math.max(Math.min(w, (int) ((double) h * width / height)), 1);
        return new int[] {(h - cropH) / 2, (w - cropW) / 2, cropH, cropW};
    }
}

using ZsN2N.Ort.Imaging;

namespace ZsN2N.Ort.Tests.TestSupport;

/// <summary>
/// The camera-noise test photo (tests/data/camera, written by tools/camera-noise/make_variants.py --sources dev):
/// scikit-image's camera through a simulated camera (mosaic, shot and read noise, bilinear demosaicing, sRGB curve), 16-bit
/// colour, and its noise-free reference through the same pipeline (tests/data/camera_clean, 8-bit).
/// </summary>
internal static class CameraPhoto
{
    /// <summary>The noisy photo, 256 x 256 colour.</summary>
    public static PlanarImage Noisy() => ImageIo.Read(RepositoryPaths.DevImage("camera", "camera.png"));

    /// <summary>The noise-free reference.</summary>
    public static PlanarImage Clean() => ImageIo.Read(RepositoryPaths.DevImage("camera_clean", "camera.png"));

    /// <summary>A window of the noisy photo.</summary>
    public static PlanarImage Noisy(int top, int left, int height, int width) => DevCrops.Load("camera", "camera.png", top, left, height, width);

    /// <summary>The same window of the reference.</summary>
    public static PlanarImage Clean(int top, int left, int height, int width) => DevCrops.Load("camera_clean", "camera.png", top, left, height, width);
}

using System.Globalization;
using Google.Protobuf;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Files;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Models;

/// <summary>
/// A trained per-image denoiser as a self-contained ONNX model. Input <c>image</c>: float32
/// [batch, C, height, width], NCHW, values 0..1, C = 3 in RGB order or C = 1 grey; output
/// <c>denoised</c>: the same shape, clamp(image - f(image), 0, 1). Any ONNX Runtime (opset 17) runs it.
/// </summary>
public sealed class DenoiserModel
{
    /// <summary>The model metadata key that records <see cref="ReceptiveFieldRadius"/>.</summary>
    public const string ReceptiveFieldKey = "zsn2n.receptive_field_radius";

    /// <summary>The model metadata key that records <see cref="TileAlignment"/> (absent: 1).</summary>
    public const string TileAlignmentKey = "zsn2n.tile_alignment";

    /// <summary>The default tile size of <see cref="Apply(PlanarImage, int, ExecutionDevice, int, CancellationToken)"/>: 512, about 130 MB of inference memory at width 48 (docs/large-images.md).</summary>
    public const int DefaultTileSize = 512;

    /// <summary>The smallest tile size other than 0 (untiled).</summary>
    public const int MinTileSize = 16;

    /// <summary>The largest tile size.</summary>
    public const int MaxTileSize = 65_536;

    private DenoiserModel(ModelProto model, int channels, int receptiveFieldRadius, int tileAlignment)
    {
        Model = model;
        Channels = channels;
        ReceptiveFieldRadius = receptiveFieldRadius;
        TileAlignment = tileAlignment;
        Record(model, ReceptiveFieldKey, receptiveFieldRadius);
        if (tileAlignment != 1)
        {
            Record(model, TileAlignmentKey, tileAlignment);
        }
    }

    /// <summary>The ONNX model.</summary>
    internal ModelProto Model { get; }

    /// <summary>Image channels the model takes: 1 or 3.</summary>
    public int Channels { get; }

    /// <summary>
    /// Input pixels on each side of an output pixel that its value depends on; tiles overlap by this much, so tiled
    /// inference equals untiled. Recorded in the model's metadata (<see cref="ReceptiveFieldKey"/>).
    /// </summary>
    public int ReceptiveFieldRadius { get; }

    /// <summary>
    /// The multiple every tile's origin must be on: 1 for a denoiser of single pixels, 2 for one that works on the
    /// stride-2 pixel-shuffle sub-images (<see cref="PixelShuffleDenoiser"/>), whose grouping of pixels a tile must
    /// share with the whole image. Recorded in the model's metadata (<see cref="TileAlignmentKey"/>).
    /// </summary>
    public int TileAlignment { get; }

    /// <summary>Bakes <paramref name="parameters"/> into the inference graph of <paramref name="artifacts"/>.</summary>
    internal static DenoiserModel Create(TrainingArtifacts artifacts, IReadOnlyList<NamedTensor> parameters) =>
        new(DenoiserExporter.Export(artifacts.Inference, parameters), artifacts.Channels, artifacts.ReceptiveFieldRadius, 1);

    internal static DenoiserModel FromModel(ModelProto model, int channels, int receptiveFieldRadius, int tileAlignment) =>
        new(model, channels, receptiveFieldRadius, tileAlignment);

    /// <summary>Reads a model written by <see cref="Save(string)"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a ZsN2N.Ort denoiser.</exception>
    public static DenoiserModel Load(string path) => Parse(File.ReadAllBytes(path), $"'{path}'");

    /// <summary>Reads a model from the bytes of a saved one (<see cref="ToBytes"/>, or a file written by <see cref="Save(string)"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="bytes"/> is null.</exception>
    /// <exception cref="InvalidDataException">The bytes are not a ZsN2N.Ort denoiser.</exception>
    public static DenoiserModel Load(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Parse(bytes, "the buffer");
    }

    /// <summary>Reads a model from <paramref name="stream"/>, to its end; the caller keeps and disposes the stream.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The stream does not hold a ZsN2N.Ort denoiser.</exception>
    public static DenoiserModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return Parse(bytes.ToArray(), "the stream");
    }

    /// <summary>
    /// Reads a model from <paramref name="stream"/>, to its end, without blocking on the stream (a request body, say);
    /// the caller keeps and disposes the stream.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The stream does not hold a ZsN2N.Ort denoiser.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<DenoiserModel> LoadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
        return Parse(bytes.ToArray(), "the stream");
    }

    // The one reader of saved models: parses the bytes and checks they are a denoiser; source names them in messages.
    private static DenoiserModel Parse(byte[] bytes, string source)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"{source} is not an ONNX model.", e);
        }

        var input = model.Graph?.Input.FirstOrDefault(i => i.Name == InferenceGraph.ImageInput);
        var dims = input?.Type?.TensorType?.Shape?.Dim;
        if (input is null || dims is null || dims.Count != 4 || dims[1].DimValue is not (1 or 3)
            || model.Graph!.Input.Count != 1 || model.Graph.Output.All(o => o.Name != InferenceGraph.DenoisedOutput))
        {
            throw new InvalidDataException($"{source} is not a ZsN2N.Ort denoiser: it needs one input '{InferenceGraph.ImageInput}' [batch, 1|3, height, width] and an output '{InferenceGraph.DenoisedOutput}'.");
        }

        try
        {
            return new DenoiserModel(model, (int)dims[1].DimValue, Recorded(model, ReceptiveFieldKey) ?? ReceptiveField.Radius(model.Graph), Recorded(model, TileAlignmentKey) ?? 1);
        }
        catch (NotSupportedException e)
        {
            throw new InvalidDataException($"{source} is not a ZsN2N.Ort denoiser: {e.Message}", e);
        }
    }

    /// <summary>The serialized model.</summary>
    public byte[] ToBytes() => Model.ToByteArray();

    /// <summary>Writes the model to <paramref name="path"/> through <see cref="AtomicFile"/>, so a failure leaves no partial file.</summary>
    /// <exception cref="IOException">Writing failed.</exception>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, ToBytes());

    /// <summary>Writes the model to <paramref name="stream"/> at its position (<see cref="Load(Stream)"/> reads it back); the caller keeps and disposes the stream.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="IOException">Writing failed.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToBytes());
    }

    /// <summary>As <see cref="Save(Stream)"/>, without blocking on the stream (a response body, say).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="IOException">Writing failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task SaveAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return stream.WriteAsync(ToBytes(), cancellationToken).AsTask();
    }

    /// <summary>
    /// Denoises <paramref name="image"/> in tiles of <see cref="DefaultTileSize"/> pixels a side;
    /// the result keeps its size, bit depth and alpha and equals the untiled result to within 1e-5.
    /// </summary>
    /// <exception cref="ArgumentException">The image's channel count differs from the model's.</exception>
    /// <exception cref="RuntimeFailureException">ONNX Runtime failed.</exception>
    public PlanarImage Apply(PlanarImage image, int threads = 1, ExecutionDevice device = ExecutionDevice.Cpu) =>
        Apply(image, threads, device, DefaultTileSize);

    /// <summary>
    /// Denoises <paramref name="image"/> in overlapping tiles of at most <paramref name="tileSize"/> kept pixels a
    /// side (0: the whole image in one run), each padded with the network's receptive field
    /// (<see cref="ReceptiveFieldRadius"/>, 2 pixels for the paper's network) of real neighbouring pixels, so the result equals the untiled one to within 1e-5 while the activation memory
    /// follows the tile, not the image (about <c>tileSize² · 480</c> bytes at width 48). The result keeps the
    /// image's size, bit depth and alpha.
    /// </summary>
    /// <exception cref="ArgumentException">The image's channel count differs from the model's.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tileSize"/> is neither 0 nor between <see cref="MinTileSize"/> and <see cref="MaxTileSize"/>.</exception>
    /// <exception cref="RuntimeFailureException">ONNX Runtime failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; it is checked between tiles.</exception>
    public PlanarImage Apply(PlanarImage image, int threads, ExecutionDevice device, int tileSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Channels != Channels)
        {
            throw new ArgumentException($"The model takes {Channels}-channel images; this one has {image.Channels}.");
        }

        if (tileSize != 0 && (tileSize < MinTileSize || tileSize > MaxTileSize))
        {
            throw new ArgumentOutOfRangeException(nameof(tileSize), tileSize, $"The tile size must be 0 (untiled) or between {MinTileSize} and {MaxTileSize}.");
        }

        using var session = RuntimeSession.Create(Model, device, threads, varyingShapes: true);
        return TiledInference.Run(session, image, tileSize, ReceptiveFieldRadius, TileAlignment, cancellationToken);
    }

    private static void Record(ModelProto model, string key, int value)
    {
        if (model.MetadataProps.All(p => p.Key != key))
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value.ToString(CultureInfo.InvariantCulture) });
        }
    }

    // A value a ZsN2N.Ort export recorded; a model without it (written elsewhere) gets the caller's fallback.
    private static int? Recorded(ModelProto model, string key) =>
        model.MetadataProps.FirstOrDefault(p => p.Key == key) is { } entry
        && int.TryParse(entry.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : null;
}

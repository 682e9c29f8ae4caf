using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Tests.TestSupport;

/// <summary>Whether the CUDA execution provider can actually run here: ONNX Runtime's GPU natives, a GPU, CUDA and cuDNN.</summary>
internal static class CudaProbe
{
    private static readonly Lazy<string?> Failure = new(Probe);

    /// <summary>Null when CUDA works; otherwise why not.</summary>
    public static string? WhyUnavailable => Failure.Value;

    /// <summary>Marks the calling test skipped (inconclusive) when CUDA cannot run.</summary>
    public static void SkipUnlessAvailable()
    {
        if (WhyUnavailable is { } why)
        {
            Assert.Inconclusive($"CUDA is not available: {why}");
        }
    }

    private static string? Probe()
    {
        if (!RuntimeSession.CudaAvailable)
        {
            return "the tests run on ONNX Runtime's CPU natives (dotnet test -p:OnnxRuntimePackage=Microsoft.ML.OnnxRuntime.Gpu for CUDA)";
        }

        try
        {
            using var session = RuntimeSession.Create(ArtifactGenerator.Generate(NetworkDefinition.Default, 1, 4).Inference, ExecutionDevice.Cuda, 1);
            return null;
        }
        catch (RuntimeFailureException e)
        {
            return e.Message;
        }
    }
}

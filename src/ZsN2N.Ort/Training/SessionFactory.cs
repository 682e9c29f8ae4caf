using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Training;

/// <summary>Creates ONNX Runtime sessions for a device and thread count.</summary>
internal static class SessionFactory
{
    /// <summary>
    /// The environment variable that turns on ONNX Runtime's profiler for every session: its value is the path prefix
    /// of the JSON traces (one per session, named after the graph); tools/profile-summary.ps1 sums them per operator.
    /// </summary>
    public const string ProfileVariable = "ZSN2N_ORT_PROFILE";

    /// <summary>Whether this build's ONNX Runtime offers the CUDA execution provider.</summary>
    public static bool CudaAvailable =>
        OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider");

    /// <summary>
    /// A session for <paramref name="model"/>; the caller disposes it. With <paramref name="cudaGraph"/> on CUDA, ONNX
    /// Runtime captures each run's kernels as a CUDA graph and replays it (runs must then bind every input and output
    /// to fixed device memory). With <paramref name="varyingShapes"/>, for runs on inputs of many shapes (tiles), the
    /// session plans no memory pattern.
    /// </summary>
    /// <exception cref="TrainingException">ONNX Runtime refused the model or the device.</exception>
    public static InferenceSession Create(ModelProto model, ExecutionDevice device, int threads, bool cudaGraph = false, bool varyingShapes = false)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,

            // A pattern is planned and kept per input shape; over the dozen tile shapes of a 12 MP photo (two dozen
            // with the self-ensemble's transposed tiles) that held 80 MB (270 MB) more at no gain in speed.
            EnableMemoryPattern = !varyingShapes,
        };
        if (Environment.GetEnvironmentVariable(ProfileVariable) is { Length: > 0 } prefix)
        {
            // The prefix first: setting EnableProfiling starts the profiler with the prefix set at that moment.
            options.ProfileOutputPathPrefix = $"{prefix}-{model.Graph.Name}";
            options.EnableProfiling = true;
        }

        try
        {
            if (device == ExecutionDevice.Cuda)
            {
                if (!CudaAvailable)
                {
                    throw new TrainingException("The CUDA device needs the GPU build (dotnet build -p:ZsN2NCuda=true) and an NVIDIA GPU with CUDA 13 and cuDNN.");
                }

                using var cuda = new OrtCUDAProviderOptions();
                cuda.UpdateOptions(new Dictionary<string, string>
                {
                    ["device_id"] = "0",
                    ["enable_cuda_graph"] = cudaGraph ? "1" : "0",
                });
                options.AppendExecutionProvider_CUDA(cuda);
            }

            return new InferenceSession(model.ToByteArray(), options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new TrainingException($"ONNX Runtime could not load graph '{model.Graph.Name}' on {device}: {e.Message}", e);
        }
    }
}

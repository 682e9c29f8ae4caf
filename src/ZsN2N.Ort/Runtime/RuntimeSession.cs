using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Runtime;

/// <summary>
/// An ONNX Runtime session of one graph, and with <see cref="RuntimeBinding"/> the one door to ONNX Runtime: every
/// session of the engine is created, and every tensor allocated, bound and run, through these two types, and every
/// ONNX Runtime error leaves them as a <see cref="RuntimeFailureException"/> naming the phase, graph, tensor and shape.
/// </summary>
/// <remarks>Owns a native session: dispose it (its owner must be <see cref="IDisposable"/> too), after the bindings, allocators and tensors it made.</remarks>
internal sealed class RuntimeSession : IDisposable
{
    /// <summary>
    /// The environment variable that turns on ONNX Runtime's profiler for every session: its value is the path prefix
    /// of the JSON traces (one per session, named after the graph); tools/profile-summary.ps1 sums them per operator.
    /// </summary>
    public const string ProfileVariable = "ZSN2N_ORT_PROFILE";

    private static readonly Lazy<int> NchwcBlock = new(ProbeNchwcBlockSize);

    private readonly InferenceSession _session;

    private RuntimeSession(InferenceSession session, string graph) => (_session, Graph) = (session, graph);

    /// <summary>
    /// The channel block of ONNX Runtime's NCHWc CPU kernels on this machine (16 with AVX-512, 8 otherwise on x64), or 0
    /// when this build has none; CPU sessions run their convolutions on it (<see cref="NchwcLayout"/>).
    /// </summary>
    public static int NchwcBlockSize => NchwcBlock.Value;

    /// <summary>
    /// Whether the ONNX Runtime native library the application ships offers the CUDA execution provider: the GPU package
    /// (<c>Microsoft.ML.OnnxRuntime.Gpu</c>) does, the CPU package (<c>Microsoft.ML.OnnxRuntime</c>) does not.
    /// </summary>
    public static bool CudaAvailable =>
        OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider");

    /// <summary>The graph's name, for messages.</summary>
    public string Graph { get; }

    /// <summary>
    /// A session for <paramref name="model"/> on <paramref name="device"/> with <paramref name="threads"/> intra-op
    /// threads. With <paramref name="cudaGraph"/> on CUDA, ONNX Runtime captures each run's kernels as a CUDA graph and
    /// replays it (runs must then bind every input and output to fixed device memory). With
    /// <paramref name="varyingShapes"/>, for runs on inputs of many shapes (tiles), a CUDA session plans no memory pattern
    /// (CPU sessions never do).
    /// </summary>
    /// <exception cref="RuntimeFailureException">
    /// ONNX Runtime refused the model or the device, or the application ships no ONNX Runtime native library, or one
    /// without CUDA for <see cref="ExecutionDevice.Cuda"/> (<see cref="RuntimePhase.Load"/>).
    /// </exception>
    public static RuntimeSession Create(ModelProto model, ExecutionDevice device, int threads, bool cudaGraph = false, bool varyingShapes = false)
    {
        var graph = model.Graph.Name;
        try
        {
            using var options = new SessionOptions
            {
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                IntraOpNumThreads = threads,
                InterOpNumThreads = 1,

                // A pattern is planned and kept per input shape, beside the arena chunks of the run that planned it: on the
                // CPU that held 80 MB (270 MB) more over the dozen tile shapes of a 12 MP photo (two dozen with the
                // self-ensemble's transposed tiles), and 195 MB more in the training step of a 256 x 256 image, at no gain
                // in speed (docs/performance.md).
                EnableMemoryPattern = device == ExecutionDevice.Cuda && !varyingShapes,
            };
            if (Environment.GetEnvironmentVariable(ProfileVariable) is { Length: > 0 } prefix)
            {
                // The prefix first: setting EnableProfiling starts the profiler with the prefix set at that moment.
                options.ProfileOutputPathPrefix = $"{prefix}-{graph}";
                options.EnableProfiling = true;
            }

            if (device == ExecutionDevice.Cuda)
            {
                AppendCuda(options, graph, cudaGraph);
            }

            if (device == ExecutionDevice.Cpu && NchwcBlockSize > 1)
            {
                model = NchwcLayout.Apply(model, NchwcBlockSize);
            }

            return new RuntimeSession(new InferenceSession(model.ToByteArray(), options), graph);
        }
        catch (OnnxRuntimeException e)
        {
            throw new RuntimeFailureException(RuntimePhase.Load, graph, null, null, $"{e.Message} (device {device})", e);
        }
        catch (Exception e) when (IsNativeLibraryMissing(e))
        {
            throw NativeLibraryMissing(graph, e);
        }
    }

    // The CUDA provider is in the native library the application chose, not in this assembly: the same build runs on the
    // CPU package or the GPU one, and only the GPU one can take this provider.
    private static void AppendCuda(SessionOptions options, string graph, bool cudaGraph)
    {
        if (!CudaAvailable)
        {
            throw new RuntimeFailureException(RuntimePhase.Load, graph, null, null,
                "the CUDA device needs ONNX Runtime's CUDA execution provider, which the ONNX Runtime native library of this " +
                "application lacks (the CPU package, Microsoft.ML.OnnxRuntime, has none): reference Microsoft.ML.OnnxRuntime.Gpu " +
                "instead, with no rebuild of ZsN2N.Ort, and run on an NVIDIA GPU with the CUDA and cuDNN versions that " +
                "ONNX Runtime release requires.");
        }

        using var cuda = new OrtCUDAProviderOptions();
        cuda.UpdateOptions(new Dictionary<string, string>
        {
            ["device_id"] = "0",
            ["enable_cuda_graph"] = cudaGraph ? "1" : "0",
        });
        options.AppendExecutionProvider_CUDA(cuda);
    }

    // ONNX Runtime's managed API loads its native library on first use and fails with these when it is not there.
    private static bool IsNativeLibraryMissing(Exception e) =>
        e is DllNotFoundException or EntryPointNotFoundException
        || e is TypeInitializationException { InnerException: DllNotFoundException or EntryPointNotFoundException };

    private static RuntimeFailureException NativeLibraryMissing(string graph, Exception e) =>
        new(RuntimePhase.Load, graph, null, null,
            $"ONNX Runtime's native library could not be loaded ({e.GetBaseException().Message.Split('\n')[0].Trim()}). The application " +
            "chooses it: reference Microsoft.ML.OnnxRuntime (CPU) or Microsoft.ML.OnnxRuntime.Gpu (CPU and CUDA) at the " +
            "version of Microsoft.ML.OnnxRuntime.Managed.", e);

    /// <summary>A new binding of this session's inputs and outputs; the caller disposes it before the session.</summary>
    /// <exception cref="RuntimeFailureException">ONNX Runtime failed.</exception>
    public RuntimeBinding Bind()
    {
        try
        {
            return new RuntimeBinding(_session, _session.CreateIoBinding(), Graph);
        }
        catch (OnnxRuntimeException e)
        {
            throw new RuntimeFailureException(RuntimePhase.Bind, Graph, null, null, e.Message, e);
        }
    }

    /// <summary>An allocator of this session's device memory <paramref name="memory"/>; the caller disposes it after the tensors it made.</summary>
    /// <exception cref="RuntimeFailureException">ONNX Runtime failed.</exception>
    public OrtAllocator CreateAllocator(OrtMemoryInfo memory)
    {
        try
        {
            return new OrtAllocator(_session, memory);
        }
        catch (OnnxRuntimeException e)
        {
            throw new RuntimeFailureException(RuntimePhase.Allocate, Graph, null, null, e.Message, e);
        }
    }

    /// <summary>A float32 tensor of <paramref name="shape"/> in <paramref name="allocator"/>'s memory, named <paramref name="name"/> in messages; the caller disposes it.</summary>
    /// <exception cref="RuntimeFailureException">ONNX Runtime failed (out of device memory, say).</exception>
    public OrtValue Allocate(OrtAllocator allocator, string name, long[] shape)
    {
        try
        {
            return OrtValue.CreateAllocatedTensorValue(allocator, TensorElementType.Float, shape);
        }
        catch (OnnxRuntimeException e)
        {
            throw new RuntimeFailureException(RuntimePhase.Allocate, Graph, name, shape, e.Message, e);
        }
    }

    /// <summary>
    /// Runs the graph on one float32 input into one preallocated output: <paramref name="input"/> named
    /// <paramref name="inputName"/> of <paramref name="inputShape"/>, the result written into <paramref name="output"/>.
    /// </summary>
    /// <exception cref="RuntimeFailureException">ONNX Runtime failed.</exception>
    public void Run(string inputName, OrtValue input, long[] inputShape, string outputName, OrtValue output)
    {
        using var runOptions = new RunOptions();
        try
        {
            _session.Run(runOptions, [inputName], [input], [outputName], [output]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new RuntimeFailureException(RuntimePhase.Run, Graph, inputName, inputShape, e.Message, e);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();

    // ReorderInput pads the channels of its input up to a whole block: the padded count of 4 channels is the block size.
    private static int ProbeNchwcBlockSize()
    {
        var builder = new GraphBuilder("nchwc_probe");
        builder.Input(OnnxValueInfos.Float("x", 1L, 4L, 1L, 1L));
        builder.Node("ReorderInput", ["x"], "y", OnnxAttributes.Int("channels_last", 0));
        builder.Graph.Node[0].Domain = NchwcLayout.Domain;
        builder.Output(OnnxValueInfos.Float("y", 1L, "blocked_channels", 1L, 1L));
        var model = OnnxModels.Create(builder.Graph);
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = NchwcLayout.Domain, Version = 1 });
        try
        {
            using var options = new SessionOptions { IntraOpNumThreads = 1 };
            using var session = new InferenceSession(model.ToByteArray(), options);
            using var input = OrtValue.CreateTensorValueFromMemory(new float[4], [1, 4, 1, 1]);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, ["x"], [input], ["y"]);
            return (int)outputs[0].GetTensorTypeAndShape().Shape[1];
        }
        catch (OnnxRuntimeException)
        {
            return 0;
        }
    }
}

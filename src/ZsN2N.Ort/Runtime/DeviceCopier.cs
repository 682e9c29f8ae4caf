using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;

namespace ZsN2N.Ort.Runtime;

/// <summary>
/// Copies float32 tensors between host and device memory by running a one-node Identity graph on the device's
/// execution provider with the source bound as its input and the destination as its output: ONNX Runtime moves the bytes.
/// (ONNX Runtime's <c>OrtEnv.CopyTensors</c> needs an execution provider registered as a plug-in library, which the
/// CUDA provider of Microsoft.ML.OnnxRuntime.Gpu is not.) Each run ends with the copy complete.
/// </summary>
/// <remarks>Owns a session: dispose it, after the <see cref="DeviceCopy"/> objects it made.</remarks>
internal sealed class DeviceCopier : IDisposable
{
    private const string Source = "source";
    private const string Destination = "destination";
    private readonly RuntimeSession _session;
    private readonly RunOptions _runOptions = new();

    /// <exception cref="RuntimeFailureException">ONNX Runtime refused the device.</exception>
    public DeviceCopier(ExecutionDevice device)
    {
        var builder = new GraphBuilder("zsn2n_copy");
        builder.Input(new ValueInfoProto { Name = Source, Type = FloatTensor() });
        builder.Node("Identity", [Source], Destination);
        builder.Output(new ValueInfoProto { Name = Destination, Type = FloatTensor() });
        try
        {
            _session = RuntimeSession.Create(OnnxModels.Create(builder.Graph, "Copies a float32 tensor between devices."), device, 1);
        }
        catch
        {
            _runOptions.Dispose();
            throw;
        }
    }

    /// <summary>A prepared copy from <paramref name="source"/> to <paramref name="destination"/>, tensors of the same shape.</summary>
    /// <exception cref="RuntimeFailureException">ONNX Runtime refused a tensor.</exception>
    public DeviceCopy Prepare(OrtValue source, OrtValue destination)
    {
        var binding = _session.Bind();
        try
        {
            binding.Input(Source, source);
            binding.Output(Destination, destination);
            return new DeviceCopy(_runOptions, binding);
        }
        catch
        {
            binding.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    // A float32 tensor of any rank: one declaration serves every copy.
    private static TypeProto FloatTensor() =>
        new() { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } };
}

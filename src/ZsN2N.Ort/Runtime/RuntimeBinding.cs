using Microsoft.ML.OnnxRuntime;

namespace ZsN2N.Ort.Runtime;

/// <summary>
/// The inputs and outputs of one <see cref="RuntimeSession"/> bound to fixed tensors, run as often as needed without
/// allocating. Its bind and run failures leave as <see cref="RuntimeFailureException"/> (see <see cref="RuntimeSession"/>).
/// </summary>
/// <remarks>Owns an ONNX Runtime IOBinding: dispose it before the session and the tensors it binds.</remarks>
internal sealed class RuntimeBinding : IDisposable
{
    private readonly InferenceSession _session;
    private readonly OrtIoBinding _binding;
    private readonly string _graph;
    private (string Name, OrtValue Value)? _firstInput;

    internal RuntimeBinding(InferenceSession session, OrtIoBinding binding, string graph) =>
        (_session, _binding, _graph) = (session, binding, graph);

    /// <summary>Binds <paramref name="value"/> to the graph input <paramref name="name"/>.</summary>
    /// <exception cref="RuntimeFailureException">ONNX Runtime refused it.</exception>
    public void Input(string name, OrtValue value)
    {
        try
        {
            _binding.BindInput(name, value);
        }
        catch (OnnxRuntimeException e)
        {
            throw Failure(RuntimePhase.Bind, name, value, e);
        }

        _firstInput ??= (name, value);
    }

    /// <summary>Binds <paramref name="tensor"/> to the graph input of its name.</summary>
    /// <exception cref="RuntimeFailureException">ONNX Runtime refused it.</exception>
    public void Input(TensorBuffer tensor) => Input(tensor.Name, tensor.Value);

    /// <summary>Binds <paramref name="value"/> to the graph output <paramref name="name"/>: runs write into it.</summary>
    /// <exception cref="RuntimeFailureException">ONNX Runtime refused it.</exception>
    public void Output(string name, OrtValue value)
    {
        try
        {
            _binding.BindOutput(name, value);
        }
        catch (OnnxRuntimeException e)
        {
            throw Failure(RuntimePhase.Bind, name, value, e);
        }
    }

    /// <summary>Binds <paramref name="tensor"/> to the graph output of its name.</summary>
    /// <exception cref="RuntimeFailureException">ONNX Runtime refused it.</exception>
    public void Output(TensorBuffer tensor) => Output(tensor.Name, tensor.Value);

    /// <summary>
    /// Runs the graph on the bound tensors with <paramref name="options"/>; with <paramref name="synchronize"/>, returns
    /// only once the outputs are written (device copies).
    /// </summary>
    /// <exception cref="RuntimeFailureException">ONNX Runtime failed; the exception names the first bound input and its shape.</exception>
    public void Run(RunOptions options, bool synchronize = false)
    {
        try
        {
            _session.RunWithBinding(options, _binding);
            if (synchronize)
            {
                _binding.SynchronizeBoundOutputs();
            }
        }
        catch (OnnxRuntimeException e)
        {
            throw Failure(RuntimePhase.Run, _firstInput?.Name, _firstInput?.Value, e);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _binding.Dispose();

    private RuntimeFailureException Failure(RuntimePhase phase, string? name, OrtValue? value, OnnxRuntimeException error) =>
        new(phase, _graph, name, ShapeOf(value), error.Message, error);

    // Asked only once something failed; a tensor ONNX Runtime cannot describe gives no shape rather than a second error.
    private static long[]? ShapeOf(OrtValue? value)
    {
        try
        {
            return value?.GetTensorTypeAndShape().Shape;
        }
        catch (OnnxRuntimeException)
        {
            return null;
        }
    }
}

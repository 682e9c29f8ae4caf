using System.Globalization;

namespace ZsN2N.Ort.Runtime;

/// <summary>
/// ONNX Runtime failed: the one exception every session create, allocation, bind and run of the engine turns an ONNX
/// Runtime error into (<see cref="RuntimeSession"/>). It says what was asked (<see cref="Phase"/>), of which graph, and
/// on which tensor and shape; the ONNX Runtime error is the inner exception.
/// </summary>
public sealed class RuntimeFailureException : Exception
{
    /// <summary>Creates the exception; the message is composed from the parts.</summary>
    public RuntimeFailureException(RuntimePhase phase, string graph, string? tensor, IReadOnlyList<long>? shape, string reason, Exception? inner = null)
        : this(phase, graph, tensor, shape, reason, step: 0, inner)
    {
    }

    private RuntimeFailureException(RuntimePhase phase, string graph, string? tensor, IReadOnlyList<long>? shape, string reason, long step, Exception? inner)
        : base(Compose(phase, graph, tensor, shape, reason, step), inner)
    {
        Phase = phase;
        Graph = graph;
        Tensor = tensor;
        Shape = shape;
        Reason = reason;
        Step = step;
    }

    /// <summary>What the engine asked of ONNX Runtime.</summary>
    public RuntimePhase Phase { get; }

    /// <summary>The graph's name, e.g. <c>zsn2n_training</c>.</summary>
    public string Graph { get; }

    /// <summary>The tensor being allocated or bound, or the first input of a run; null when none applies.</summary>
    public string? Tensor { get; }

    /// <summary>The shape of <see cref="Tensor"/>, outermost first; null when unknown.</summary>
    public IReadOnlyList<long>? Shape { get; }

    /// <summary>Why, in ONNX Runtime's words (or the engine's, for a device this build cannot use).</summary>
    public string Reason { get; }

    /// <summary>The 1-based training step that failed, or 0 outside a training step.</summary>
    public long Step { get; }

    /// <summary>This failure, as one of training step <paramref name="step"/>.</summary>
    internal RuntimeFailureException AtStep(long step) => new(Phase, Graph, Tensor, Shape, Reason, step, InnerException);

    private static string Compose(RuntimePhase phase, string graph, string? tensor, IReadOnlyList<long>? shape, string reason, long step)
    {
        var verb = phase switch
        {
            RuntimePhase.Load => "load",
            RuntimePhase.Allocate => "allocate a tensor for",
            RuntimePhase.Bind => "bind a tensor of",
            _ => "run",
        };
        var where = tensor is null ? "" : $" ({tensor}{(shape is null ? "" : $" [{string.Join(", ", shape)}]")})";
        var when = step > 0 ? string.Create(CultureInfo.InvariantCulture, $"Training step {step}: ") : "";
        return $"{when}ONNX Runtime could not {verb} graph '{graph}'{where}: {reason}";
    }
}

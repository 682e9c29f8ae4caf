namespace ZsN2N.Ort.Autodiff;

/// <summary>
/// The reverse-mode derivative of one ONNX operator: given the gradients of a node's outputs
/// (<see cref="GradientContext.GO"/>), it emits the nodes that compute the gradients of the inputs
/// that need one (<see cref="GradientContext.GI"/>).
/// </summary>
internal interface IGradientRule
{
    /// <summary>Emits the backward nodes of <see cref="GradientContext.Node"/>.</summary>
    void Build(GradientContext context);
}

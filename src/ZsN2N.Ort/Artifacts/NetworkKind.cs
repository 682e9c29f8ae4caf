namespace ZsN2N.Ort.Artifacts;

/// <summary>The noise predictors the engine can train, each a committed ONNX definition under artifacts/.</summary>
public enum NetworkKind
{
    /// <summary>The paper's network (artifacts/zsn2n.onnxtxt): two 3×3 convolutions and a 1×1 one, a 5×5 receptive field.</summary>
    Paper,

    /// <summary>
    /// A third 3×3 convolution of the same width (artifacts/zsn2n-deep.onnxtxt): a 7×7 receptive field for about 1.7 times
    /// the cost of a step; what it gains: docs/quality.md.
    /// </summary>
    Deep,
}

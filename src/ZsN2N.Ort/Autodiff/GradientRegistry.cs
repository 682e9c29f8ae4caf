using ZsN2N.Ort.Autodiff.Rules;

namespace ZsN2N.Ort.Autodiff;

/// <summary>
/// The table from ONNX operator to its gradient rule. Operators whose outputs carry no gradient
/// (shapes, comparisons) are registered as such and stop the backward pass; an operator missing
/// from the table fails naming the op and the node.
/// </summary>
internal sealed class GradientRegistry
{
    private readonly Dictionary<string, IGradientRule?> _rules;

    private GradientRegistry(Dictionary<string, IGradientRule?> rules) => _rules = rules;

    /// <summary>Every rule ZsN2N.Ort ships, one per operator.</summary>
    public static GradientRegistry Default { get; } = new(new Dictionary<string, IGradientRule?>(StringComparer.Ordinal)
    {
        ["Add"] = new AddGradient(),
        ["Sub"] = new SubGradient(),
        ["Mul"] = new MulGradient(),
        ["Neg"] = new NegGradient(),
        ["Identity"] = new IdentityGradient(),
        ["Concat"] = new ConcatGradient(),
        ["ReduceMean"] = new ReduceMeanGradient(),
        ["ReduceSum"] = new ReduceSumGradient(),
        ["Conv"] = new ConvGradient(),
        ["Relu"] = new ReluGradient(),
        ["LeakyRelu"] = new LeakyReluGradient(),

        // No gradient flows through these.
        ["Shape"] = null,
        ["Size"] = null,
        ["Constant"] = null,
        ["Greater"] = null,
        ["Less"] = null,
        ["Equal"] = null,
    });

    /// <summary>Whether <paramref name="opType"/> is known and passes no gradient.</summary>
    public bool IsNonDifferentiable(string opType) => _rules.TryGetValue(opType, out var rule) && rule is null;

    /// <summary>The rule of <paramref name="opType"/>.</summary>
    /// <exception cref="NotSupportedException">No rule is registered, or the op passes no gradient.</exception>
    public IGradientRule Get(string opType, string nodeName) =>
        _rules.TryGetValue(opType, out var rule) && rule is not null
            ? rule
            : throw new NotSupportedException($"No gradient rule for operator '{opType}' (node '{nodeName}').");
}

using ZsN2N.Ort.Onnx;

namespace ZsN2N.Ort.Autodiff.Rules;

/// <summary>
/// Y = X ⋆ W + B for 2-D convolution, X [N, Cin, H, W], W [Cout, Cin/group, kH, kW], B [Cout]:
/// <list type="bullet">
/// <item>dX = ConvTranspose(dY, W), zero-padded at the end where a stride dropped input rows;
/// with stride 1 and group 1 it is Conv(dY, flip(W)ᵀ) with pads k-1-p, which runs faster on CPU.</item>
/// <item>dW[:, :, i, j] = Σₙ dYₙ · shiftᵢⱼ(pad(Xₙ))ᵀ, one batched MatMul per kernel tap (stride 1, group 1).</item>
/// <item>dB = Σ over N, H, W of dY.</item>
/// </list>
/// </summary>
internal sealed class ConvGradient : IGradientRule
{
    public void Build(GradientContext c)
    {
        var kernel = c.Ints("kernel_shape", [])
            is { Length: 2 } k ? k : throw c.Unsupported("needs a 2-D kernel_shape attribute");
        var pads = c.Ints("pads", [0, 0, 0, 0]);
        var strides = c.Ints("strides", [1, 1]);
        var dilations = c.Ints("dilations", [1, 1]);
        var group = c.Int("group", 1);
        if (c.Node.Attribute.Any(a => a.Name == "auto_pad" && a.S.ToStringUtf8() is not ("NOTSET" or "")))
        {
            throw c.Unsupported("auto_pad is not supported; give explicit pads");
        }

        var unitStride = strides.All(s => s == 1) && dilations.All(d => d == 1);
        if (c.NeedsGradient(0))
        {
            if (unitStride && group == 1 && pads.All(p => p <= kernel[0] - 1 && p <= kernel[1] - 1))
            {
                InputGradientByFlippedConv(c, kernel, pads);
            }
            else
            {
                InputGradientByConvTranspose(c, kernel, pads, strides, dilations, group);
            }
        }

        if (c.NeedsGradient(1))
        {
            if (!unitStride || group != 1)
            {
                throw c.Unsupported("the weight gradient needs stride 1, dilation 1 and group 1");
            }

            WeightGradient(c, kernel, pads);
        }

        if (c.Node.Input.Count > 2 && c.NeedsGradient(2))
        {
            c.Emit("ReduceSum", [c.GO(0), c.Vector("bias_axes", 0, 2, 3)], c.GI(2), OnnxAttributes.Int("keepdims", 0));
        }
    }

    private static void InputGradientByFlippedConv(GradientContext c, long[] kernel, long[] pads)
    {
        var flipped = c.Emit(
            "Slice",
            [c.I(1), c.Vector("flip_starts", -1, -1), c.Vector("flip_ends", long.MinValue, long.MinValue), c.Vector("flip_axes", 2, 3), c.Vector("flip_steps", -1, -1)],
            c.IA("weight_flipped"));
        var transposed = c.Emit("Transpose", [flipped], c.IA("weight_flipped_t"), OnnxAttributes.Ints("perm", 1, 0, 2, 3));
        long[] backwardPads = [kernel[0] - 1 - pads[0], kernel[1] - 1 - pads[1], kernel[0] - 1 - pads[2], kernel[1] - 1 - pads[3]];
        c.Emit("Conv", [c.GO(0), transposed], c.GI(0), OnnxAttributes.Ints("kernel_shape", kernel), OnnxAttributes.Ints("pads", backwardPads));
    }

    private static void InputGradientByConvTranspose(GradientContext c, long[] kernel, long[] pads, long[] strides, long[] dilations, long group)
    {
        var attributes = new[]
        {
            OnnxAttributes.Ints("kernel_shape", kernel), OnnxAttributes.Ints("pads", pads), OnnxAttributes.Ints("strides", strides),
            OnnxAttributes.Ints("dilations", dilations), OnnxAttributes.Int("group", group),
        };
        if (strides.All(s => s == 1))
        {
            c.Emit("ConvTranspose", [c.GO(0), c.I(1)], c.GI(0), attributes);
            return;
        }

        // A strided conv ignores trailing rows and columns that no window reaches; their gradient is zero.
        var raw = c.Emit("ConvTranspose", [c.GO(0), c.I(1)], c.IA("input_grad_raw"), attributes);
        var start = OnnxAttributes.Int("start", 2);
        var missing = c.Emit(
            "Sub",
            [c.Emit("Shape", [c.I(0)], c.IA("input_hw"), start), c.Emit("Shape", [raw], c.IA("raw_hw"), start)],
            c.IA("missing_hw"));
        var padding = c.Emit("Concat", [c.Vector("leading_pads", 0, 0, 0, 0, 0, 0), missing], c.IA("trailing_pads"), OnnxAttributes.Int("axis", 0));
        c.Emit("Pad", [raw, padding], c.GI(0));
    }

    // Per tap (i, j): P = X̃ᵢⱼ · dYᵀ as a batched MatMul [N, Cin, HW] × [N, HW, Cout], so dY is transposed
    // once for all taps and the shifted inputs need only a Reshape; the taps are then summed over N.
    private static void WeightGradient(GradientContext c, long[] kernel, long[] pads)
    {
        var flatten = c.Vector("flatten_shape", 0, 0, -1);
        var outputGradient = c.Emit(
            "Transpose",
            [c.Emit("Reshape", [c.GO(0), flatten], c.IA("output_grad_flat"))],
            c.IA("output_grad_t"),
            OnnxAttributes.Ints("perm", 0, 2, 1));
        var input = pads.Any(p => p != 0)
            ? c.Emit("Pad", [c.I(0), c.Vector("input_pads", 0, 0, pads[0], pads[1], 0, 0, pads[2], pads[3])], c.IA("input_padded"))
            : c.I(0);

        var taps = new List<string>();
        for (var i = 0; i < kernel[0]; i++)
        {
            for (var j = 0; j < kernel[1]; j++)
            {
                var tap = $"tap_{i}_{j}";
                var shifted = kernel[0] * kernel[1] == 1
                    ? input
                    : c.Emit(
                        "Slice",
                        [input, c.Vector($"{tap}_starts", i, j), c.Vector($"{tap}_ends", End(i, kernel[0]), End(j, kernel[1])), c.Vector($"{tap}_axes", 2, 3)],
                        c.IA($"{tap}_input"));
                var product = c.Emit("MatMul", [c.Emit("Reshape", [shifted, flatten], c.IA($"{tap}_input_flat")), outputGradient], c.IA($"{tap}_product"));
                taps.Add(c.Emit("Unsqueeze", [product, c.Vector($"{tap}_axis", 3)], c.IA($"{tap}_column")));
            }
        }

        var stacked = taps.Count == 1 ? taps[0] : c.Emit("Concat", [.. taps], c.IA("taps"), OnnxAttributes.Int("axis", 3));
        var summed = c.Emit("ReduceSum", [stacked, c.Vector("batch_axis", 0)], c.IA("taps_summed"), OnnxAttributes.Int("keepdims", 0));
        var transposed = c.Emit("Transpose", [summed], c.IA("taps_t"), OnnxAttributes.Ints("perm", 1, 0, 2));
        c.Emit("Reshape", [transposed, c.Emit("Shape", [c.I(1)], c.IA("weight_shape"))], c.GI(1));
    }

    // Tap offset i of a k-wide kernel keeps rows i .. H_padded - (k - 1 - i).
    private static long End(int offset, long size) => offset == size - 1 ? long.MaxValue : offset - (size - 1);
}

using ZsN2N.Ort.Onnx;

namespace ZsN2N.Ort.Autodiff.Rules;

/// <summary>
/// Y = X ⋆ W + B for 2-D convolution, X [N, Cin, H, W], W [Cout, Cin/group, kH, kW], B [Cout]:
/// <list type="bullet">
/// <item>dX = ConvTranspose(dY, W), zero-padded at the end where a stride dropped input rows;
/// with stride 1 and group 1 it is Conv(dY, flip(W)ᵀ) with pads k-1-p, which runs faster on CPU.</item>
/// <item>dW[:, :, i, j] = Σₙ dYₙ · shiftᵢⱼ(pad(Xₙ))ᵀ, all taps in one batched MatMul over shifted copies (stride 1, group 1).</item>
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

    // dW[o, c, i, j] = Σₙ Σ_{r,x} X̃ₙ[c, r, x + j] · dYₙ[o, r - i, x] over the padded height r and the output width x,
    // with X̃ the padded input and dY zero outside its rows. The column shifts j of X̃ and the row shifts i of dY are
    // each one grouped Conv with one-hot kernels (kW, resp. kH, copies of a tensor instead of kH·kW slices), so the
    // whole gradient is one batched MatMul [N, Cin·kW, K] × [N, K, Cout·kH] with K = padded height × output width.
    // When Cin is small against Cout every shift goes to the input instead ([N, Cin·kH·kW, K] × [N, K, Cout]), which
    // copies fewer values.
    private static void WeightGradient(GradientContext c, long[] kernel, long[] pads)
    {
        var weightShape = c.Shape(c.I(1)) ?? throw c.Unsupported("the weight gradient needs the weight's static shape");
        var (outputChannels, inputChannels) = (weightShape[0], weightShape[1]);
        var (kh, kw) = (kernel[0], kernel[1]);
        var allOnInput = inputChannels * kh * kw + outputChannels < inputChannels * kw + outputChannels * kh;
        var input = c.I(0);
        if (kh * kw > 1 || pads.Any(p => p != 0))
        {
            var window = allOnInput ? kernel : [1, kw];
            input = c.Emit(
                "Conv",
                [c.I(0), OneHot(c, "input_shifts", inputChannels, window[0], window[1], flip: false)],
                c.IA("input_shifted"),
                OnnxAttributes.Ints("kernel_shape", window),
                OnnxAttributes.Ints("pads", pads),
                OnnxAttributes.Int("group", inputChannels));
        }

        var outputGradient = c.GO(0);
        if (!allOnInput && kh > 1)
        {
            // Row r of the shifted copy i is row r - i of dY: a (kh x 1) one-hot correlation with kh - 1 rows of zeros around.
            outputGradient = c.Emit(
                "Conv",
                [c.GO(0), OneHot(c, "output_grad_shifts", outputChannels, kh, 1, flip: true)],
                c.IA("output_grad_shifted"),
                OnnxAttributes.Ints("kernel_shape", kh, 1),
                OnnxAttributes.Ints("pads", kh - 1, 0, kh - 1, 0),
                OnnxAttributes.Int("group", outputChannels));
        }

        var flatten = c.Vector("flatten_shape", 0, 0, -1);
        var outputGradientT = c.Emit(
            "Transpose",
            [c.Emit("Reshape", [outputGradient, flatten], c.IA("output_grad_flat"))],
            c.IA("output_grad_t"),
            OnnxAttributes.Ints("perm", 0, 2, 1));
        var product = c.Emit("MatMul", [c.Emit("Reshape", [input, flatten], c.IA("input_flat")), outputGradientT], c.IA("product"));
        var summed = c.Emit("ReduceSum", [product, c.Vector("batch_axis", 0)], c.IA("product_summed"), OnnxAttributes.Int("keepdims", 0));

        // Rows (c, i, j) against columns o, or rows (c, j) against columns (o, i): back to [Cout, Cin, kH, kW].
        var (blocks, perm) = allOnInput
            ? (c.Vector("blocks_shape", inputChannels, kh, kw, outputChannels), new long[] { 3, 0, 1, 2 })
            : (c.Vector("blocks_shape", inputChannels, kw, outputChannels, kh), new long[] { 2, 0, 3, 1 });
        c.Emit("Transpose", [c.Emit("Reshape", [summed, blocks], c.IA("blocks"))], c.GI(1), OnnxAttributes.Ints("perm", perm));
    }

    // [channels·h·w, 1, h, w]: output channel (c, t) of a group copies tap t of the window (the mirrored tap when flipped).
    private static string OneHot(GradientContext c, string name, long channels, long height, long width, bool flip)
    {
        var taps = height * width;
        var values = new float[channels * taps * taps];
        for (var channel = 0; channel < channels; channel++)
        {
            for (var t = 0; t < taps; t++)
            {
                values[((channel * taps) + t) * taps + (flip ? taps - 1 - t : t)] = 1f;
            }
        }

        return c.Floats(name, values, channels * taps, 1, height, width);
    }
}

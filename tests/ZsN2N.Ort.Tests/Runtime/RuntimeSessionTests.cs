using Microsoft.ML.OnnxRuntime;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Models;
using ZsN2N.Ort.Onnx;
using ZsN2N.Ort.Onnx.Protos;
using ZsN2N.Ort.Runtime;

namespace ZsN2N.Ort.Tests.Runtime;

/// <summary>Every ONNX Runtime failure leaves the chokepoint as one exception type naming the phase, graph, tensor and shape.</summary>
[TestClass]
public sealed class RuntimeSessionTests
{
    private static readonly TrainingArtifacts Grey = ArtifactGenerator.Generate(NetworkDefinition.Default, 1, 4);

    [TestMethod]
    public void ARunOnAWrongShapeNamesTheGraphTheInputAndItsShape()
    {
        var model = DenoiserModelOf(Grey);
        using var session = RuntimeSession.Create(model, ExecutionDevice.Cpu, 1);
        long[] shape = [1, 2, 8, 8];
        using var input = OrtValue.CreateTensorValueFromMemory(new float[128], shape);
        using var output = OrtValue.CreateTensorValueFromMemory(new float[128], shape);

        var error = Assert.ThrowsExactly<RuntimeFailureException>(() =>
            session.Run(InferenceGraph.ImageInput, input, shape, InferenceGraph.DenoisedOutput, output));

        Assert.AreEqual(RuntimePhase.Run, error.Phase);
        Assert.AreEqual("zsn2n_denoiser", error.Graph);
        Assert.AreEqual(InferenceGraph.ImageInput, error.Tensor);
        CollectionAssert.AreEqual(shape, error.Shape!.ToArray());
        Assert.IsInstanceOfType<OnnxRuntimeException>(error.InnerException);
        StringAssert.StartsWith(error.Message, "ONNX Runtime could not run graph 'zsn2n_denoiser' (image [1, 2, 8, 8]): ");
    }

    [TestMethod]
    public void ABoundRunThatFailsNamesItsFirstInputAndItsShape()
    {
        var model = DenoiserModelOf(Grey);
        using var session = RuntimeSession.Create(model, ExecutionDevice.Cpu, 1);
        using var image = new TensorBuffer(InferenceGraph.ImageInput, [1, 2, 8, 8]);
        using var denoised = new TensorBuffer(InferenceGraph.DenoisedOutput, [1, 2, 8, 8]);
        using var binding = session.Bind();
        binding.Input(image);
        binding.Output(denoised);
        using var runOptions = new RunOptions();

        var error = Assert.ThrowsExactly<RuntimeFailureException>(() => binding.Run(runOptions));

        Assert.AreEqual((RuntimePhase.Run, "zsn2n_denoiser", InferenceGraph.ImageInput), (error.Phase, error.Graph, error.Tensor));
        CollectionAssert.AreEqual(new long[] { 1, 2, 8, 8 }, error.Shape!.ToArray());
    }

    [TestMethod]
    public void AGraphOnnxRuntimeCannotLoadFailsInTheLoadPhase()
    {
        var builder = new GraphBuilder("broken");
        builder.Input(OnnxValueInfos.Float("x", 1L));
        builder.Node("NoSuchOperator", ["x"], "y");
        builder.Output(OnnxValueInfos.Float("y", 1L));

        var error = Assert.ThrowsExactly<RuntimeFailureException>(() =>
            RuntimeSession.Create(OnnxModels.Create(builder.Graph, "An operator no runtime knows."), ExecutionDevice.Cpu, 1));

        Assert.AreEqual((RuntimePhase.Load, "broken", (string?)null), (error.Phase, error.Graph, error.Tensor));
        StringAssert.Contains(error.Message, "NoSuchOperator");
    }

    private static ModelProto DenoiserModelOf(TrainingArtifacts artifacts) =>
        DenoiserModel.Create(artifacts, artifacts.Initial.Tensors).Model;
}

using ZsN2N.Ort.Runtime;

namespace ZsN2N.Cli.Commands;

/// <summary>Parses <c>--device</c>: <c>cpu</c> or <c>cuda</c>, any case.</summary>
internal sealed class ExecutionDeviceConverter() : KeywordConverter<ExecutionDevice>(
    "--device", new Dictionary<string, ExecutionDevice> { ["cpu"] = ExecutionDevice.Cpu, ["cuda"] = ExecutionDevice.Cuda });

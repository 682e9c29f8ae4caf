using System.ComponentModel;
using System.Globalization;
using ZsN2N.Ort.Training;

namespace ZsN2N.Cli.Commands;

/// <summary>Parses <c>--device</c>: <c>cpu</c> or <c>cuda</c>, any case; anything else fails naming the accepted values.</summary>
internal sealed class ExecutionDeviceConverter : TypeConverter
{
    /// <inheritdoc/>
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    /// <inheritdoc/>
    public override bool GetStandardValuesSupported(ITypeDescriptorContext? context) => true;

    /// <inheritdoc/>
    public override StandardValuesCollection GetStandardValues(ITypeDescriptorContext? context) => new(new[] { "cpu", "cuda" });

    /// <inheritdoc/>
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text
            ? text.Trim().ToLowerInvariant() switch
            {
                "cpu" => ExecutionDevice.Cpu,
                "cuda" => ExecutionDevice.Cuda,
                _ => throw new FormatException($"--device must be 'cpu' or 'cuda', not '{text}'."),
            }
            : base.ConvertFrom(context, culture, value);
}

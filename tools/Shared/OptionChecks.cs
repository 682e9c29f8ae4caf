using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ZsN2N.Tools.Shared;

/// <summary>
/// Range checks for a tool's <see cref="CommandSettings.Validate"/>, each naming the option and the value it got.
/// Shared (linked) by the tool projects.
/// </summary>
internal static class OptionChecks
{
    /// <summary>The first failed check, or success when all pass.</summary>
    public static ValidationResult All(params ValidationResult[] checks) =>
        checks.FirstOrDefault(c => !c.Successful) ?? ValidationResult.Success();

    /// <summary>Success when <paramref name="value"/> is absent or at least <paramref name="minimum"/>.</summary>
    public static ValidationResult AtLeast(string option, double? value, double minimum) =>
        value is not { } given || given >= minimum
            ? ValidationResult.Success()
            : ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"{option} must be at least {minimum}, not {given}."));

    /// <summary>Success when <paramref name="value"/> is absent or above zero.</summary>
    public static ValidationResult Positive(string option, double? value) =>
        value is not { } given || given > 0
            ? ValidationResult.Success()
            : ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"{option} must be above 0, not {given}."));

    /// <summary>Success when <paramref name="text"/> is a list of integers of at least <paramref name="minimum"/> separated by commas.</summary>
    public static ValidationResult IntList(string option, string text, int minimum) =>
        ParseIntList(text, minimum) is not null
            ? ValidationResult.Success()
            : ValidationResult.Error($"{option} takes integers of at least {minimum} separated by commas, not '{text}'.");

    /// <summary>The integers of a list separated by commas, or <see langword="null"/> when it is empty or one is not an integer of at least <paramref name="minimum"/>.</summary>
    public static int[]? ParseIntList(string text, int minimum)
    {
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new int[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            if (!int.TryParse(items[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]) || values[i] < minimum)
            {
                return null;
            }
        }

        return values.Length > 0 ? values : null;
    }
}

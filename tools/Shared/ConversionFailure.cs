using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Spectre.Console.Cli;

namespace ZsN2N.Tools.Shared;

/// <summary>
/// Names the option behind a failed value conversion. Spectre.Console.Cli reports "Failed to convert 'abc' to Int32"
/// without the option; this converts each <c>--name value</c> of the command line again, with the converter of the
/// property the option binds to, and describes the first that fails. Shared (linked) by the tool projects.
/// </summary>
internal static class ConversionFailure
{
    /// <summary>
    /// A message such as <c>--steps takes an integer, not 'abc'.</c> for the first option of <paramref name="args"/> whose
    /// value does not convert, or <see langword="null"/> when none fails.
    /// </summary>
    public static string? Describe(IReadOnlyList<string> args)
    {
        var options = Options();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            var (name, value) = args[i].IndexOf('=', StringComparison.Ordinal) is var equals and > 0
                ? (args[i][..equals], args[i][(equals + 1)..])
                : (args[i], i + 1 < args.Count ? args[i + 1] : null);
            if (value is not null && options.TryGetValue(name, out var properties) && properties.All(p => !Converts(p, value)))
            {
                return $"{name} takes {Expected(properties[0])}, not '{value}'.";
            }
        }

        return null;
    }

    // Every option of the tool's settings types, by long name (commands of one tool may share a name).
    private static Dictionary<string, List<PropertyInfo>> Options()
    {
        var options = new Dictionary<string, List<PropertyInfo>>(StringComparer.Ordinal);
        var settingsTypes = Assembly.GetEntryAssembly()!.GetTypes().Where(t => typeof(CommandSettings).IsAssignableFrom(t));
        foreach (var property in settingsTypes.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
        {
            foreach (var longName in property.GetCustomAttribute<CommandOptionAttribute>()?.LongNames ?? [])
            {
                var list = options.TryGetValue($"--{longName}", out var found) ? found : options[$"--{longName}"] = [];
                list.Add(property);
            }
        }

        return options;
    }

    private static bool Converts(PropertyInfo property, string value)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(bool) || type == typeof(string))
        {
            return true; // flags take no value; text is any text
        }

        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromString(null, CultureInfo.InvariantCulture, value);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            return false;
        }
    }

    private static string Expected(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))}"
            : type == typeof(ulong) ? "an integer of at least 0"
            : type == typeof(int) ? "an integer"
            : type == typeof(double) ? "a number"
            : $"a {type.Name}";
    }
}

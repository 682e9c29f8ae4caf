using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Spectre.Console.Cli;

namespace ZsN2N.Shared;

/// <summary>
/// Names the option behind a failed value conversion. Spectre.Console.Cli reports "Failed to convert 'abc' to Int32"
/// (or to "Nullable`1") without the option; this converts each <c>--name value</c> of the command line again, with the
/// converter of the property the option binds to, and describes the first that fails. Shared (linked) by the CLI and
/// the tool projects, so every command line of the repository says it alike.
/// </summary>
internal static class ConversionFailure
{
    /// <summary>
    /// A message such as <c>--steps takes an integer, not 'abc'.</c> for the first option of <paramref name="args"/> whose
    /// value does not convert, or <see langword="null"/> when none fails. <paramref name="requirement"/> gives, where it
    /// knows one, the values the option's property allows ("between 1 and 10000000"), which the message then adds.
    /// </summary>
    public static string? Describe(IReadOnlyList<string> args, Func<PropertyInfo, string?>? requirement = null)
    {
        var options = Options(args);
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
                var allowed = requirement?.Invoke(properties[0]) is { } range ? $"; it must be {range}" : "";
                return $"{name} takes {Expected(properties[0])}, not '{value}'{allowed}.";
            }
        }

        return null;
    }

    // The options of the command args[0] names (add-noise: AddNoiseCommand's settings, inherited ones included), or of
    // every command when it names none (a default command); commands may give one name different types.
    private static Dictionary<string, List<PropertyInfo>> Options(IReadOnlyList<string> args)
    {
        var commands = Assembly.GetEntryAssembly()!.GetTypes().Where(t => !t.IsAbstract && typeof(ICommand).IsAssignableFrom(t)).ToList();
        var named = args.Count > 0 ? commands.Where(t => t.Name == TypeName(args[0])).ToList() : [];
        var options = new Dictionary<string, List<PropertyInfo>>(StringComparer.Ordinal);
        var settingsTypes = (named.Count > 0 ? named : commands).Select(SettingsOf).OfType<Type>().Distinct();
        foreach (var property in settingsTypes.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
        {
            foreach (var longName in property.GetCustomAttribute<CommandOptionAttribute>()?.LongNames ?? [])
            {
                var list = options.TryGetValue($"--{longName}", out var found) ? found : options[$"--{longName}"] = [];
                list.Add(property);
            }
        }

        return options;
    }

    // The type of the command named name by the repository's convention: add-noise is AddNoiseCommand.
    private static string TypeName(string name) =>
        string.Concat(name.Split('-').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + "Command";

    // TSettings of a Command<TSettings> or AsyncCommand<TSettings>.
    private static Type? SettingsOf(Type command)
    {
        for (var type = command; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericArguments() is [var settings] && typeof(CommandSettings).IsAssignableFrom(settings))
            {
                return settings;
            }
        }

        return null;
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
            Converter(property, type).ConvertFromString(null, CultureInfo.InvariantCulture, value);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            return false;
        }
    }

    // The converter Spectre uses: the property's own ([TypeConverter], e.g. one that takes keywords besides numbers), else the type's.
    private static TypeConverter Converter(PropertyInfo property, Type type) =>
        property.GetCustomAttribute<TypeConverterAttribute>() is { } attribute && Type.GetType(attribute.ConverterTypeName) is { } converter
            ? (TypeConverter)Activator.CreateInstance(converter)!
            : TypeDescriptor.GetConverter(type);

    private static string Expected(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))}"
            : type == typeof(ulong) ? "an integer of at least 0"
            : type == typeof(int) || type == typeof(long) ? "an integer"
            : type == typeof(double) || type == typeof(float) ? "a number"
            : $"a {type.Name}";
    }
}

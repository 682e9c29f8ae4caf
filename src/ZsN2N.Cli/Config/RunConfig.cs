using System.Globalization;
using System.Text.Json;

namespace ZsN2N.Cli.Config;

/// <summary>
/// The <c>config.json</c> of <c>zsn2n run</c>, with the original Python runner's keys: <c>image</c> (path, relative to
/// the config file's folder), <c>learning_rate</c>, <c>epoch_count</c>, <c>step_size</c>, <c>gamma</c>,
/// <c>degree</c> (Gaussian noise standard deviation in 0..1 units) and <c>max_bytes</c> (largest accepted image
/// file). Read strictly: an unknown key, a wrong type or an out-of-range value is refused by
/// <see cref="ConfigException"/> naming the key. Only <c>image</c> is required.
/// </summary>
internal sealed record RunConfig
{
    /// <summary>Every key the file may hold, in documentation order.</summary>
    public static readonly IReadOnlyList<string> Keys = ["image", "learning_rate", "epoch_count", "step_size", "gamma", "degree", "max_bytes"];

    /// <summary>Full path of the clean image to add noise to and denoise.</summary>
    public required string Image { get; init; }

    /// <summary>Adam's initial learning rate, in (0, 10].</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Training steps (the original called them epochs: one step per epoch on the single image), 1 to 10000000.</summary>
    public int EpochCount { get; init; } = 3000;

    /// <summary>Steps between learning-rate decays, at least 1.</summary>
    public int StepSize { get; init; } = 1000;

    /// <summary>Learning-rate factor at each decay, in (0, 1].</summary>
    public float Gamma { get; init; } = 0.5f;

    /// <summary>Standard deviation of the added Gaussian noise in 0..1 units, 0 to 1 (25/255 ≈ 0.098 is "sigma 25").</summary>
    public double Degree { get; init; } = 25.0 / 255;

    /// <summary>Largest image file accepted, in bytes, at least 1 (default 512 MiB).</summary>
    public long MaxBytes { get; init; } = ZsN2N.Ort.Imaging.ImageLimits.DefaultMaxFileBytes;

    /// <summary>Reads and validates <paramref name="path"/>.</summary>
    /// <exception cref="ConfigException">The file is missing, not JSON, or a key is unknown, mistyped or out of range.</exception>
    public static RunConfig Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"Cannot read config '{path}': {e.Message}");
        }

        return Parse(text, fullPath);
    }

    /// <summary>Parses config text; relative image paths resolve against the folder of <paramref name="configPath"/>.</summary>
    /// <exception cref="ConfigException">Not JSON, or a key is unknown, mistyped or out of range.</exception>
    public static RunConfig Parse(string text, string configPath)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{configPath} is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigException($"{configPath}: the config must be a JSON object {{ \"image\": ..., ... }}, not {Kind(document.RootElement)}.");
            }

            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!Keys.Contains(property.Name))
                {
                    throw new ConfigException($"{configPath}: unknown key \"{property.Name}\"; the keys are {string.Join(", ", Keys)}.");
                }

                if (!values.TryAdd(property.Name, property.Value.Clone()))
                {
                    throw new ConfigException($"{configPath}: key \"{property.Name}\" appears twice.");
                }
            }

            var reader = new KeyReader(configPath, values);
            var image = reader.String("image") ?? throw new ConfigException($"{configPath}: missing key \"image\" (the clean image to add noise to and denoise).");
            var imagePath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(configPath)!, image));
            if (!File.Exists(imagePath))
            {
                throw new ConfigException($"{configPath}: key \"image\": file '{imagePath}' does not exist.");
            }

            var defaults = new RunConfig { Image = imagePath };
            return defaults with
            {
                LearningRate = (float)(reader.Number("learning_rate", v => v > 0 && v <= 10, "in (0, 10]") ?? defaults.LearningRate),
                EpochCount = (int)(reader.Integer("epoch_count", 1, 10_000_000) ?? defaults.EpochCount),
                StepSize = (int)(reader.Integer("step_size", 1, int.MaxValue) ?? defaults.StepSize),
                Gamma = (float)(reader.Number("gamma", v => v > 0 && v <= 1, "in (0, 1]") ?? defaults.Gamma),
                Degree = reader.Number("degree", v => v >= 0 && v <= 1, "between 0 and 1 (noise standard deviation in 0..1 units; 0.1 is about sigma 25 of 255)") ?? defaults.Degree,
                MaxBytes = reader.Integer("max_bytes", 1, long.MaxValue) ?? defaults.MaxBytes,
            };
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => element.ValueKind.ToString(),
    };

    /// <summary>Typed, range-checked access to the keys; each complaint names the key, the value and what is expected.</summary>
    private sealed class KeyReader(string configPath, Dictionary<string, JsonElement> values)
    {
        public string? String(string key)
        {
            if (!values.TryGetValue(key, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                throw Error(key, value, "must be a non-empty string (a file path)");
            }

            return value.GetString();
        }

        public double? Number(string key, Func<double, bool> valid, string range)
        {
            if (!values.TryGetValue(key, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number)
            {
                throw Error(key, value, "must be a number");
            }

            var number = value.GetDouble();
            return valid(number) ? number : throw Error(key, value, $"must be {range}");
        }

        public long? Integer(string key, long min, long max)
        {
            if (!values.TryGetValue(key, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
            {
                throw Error(key, value, "must be a whole number");
            }

            var range = max == int.MaxValue || max == long.MaxValue ? $"at least {min}" : $"between {min} and {max}";
            return number >= min && number <= max ? number : throw Error(key, value, $"must be {range}");
        }

        private ConfigException Error(string key, JsonElement value, string expected)
        {
            var shown = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : $"{Kind(value)} {value.GetRawText()}";
            return new ConfigException(string.Create(CultureInfo.InvariantCulture, $"{configPath}: key \"{key}\" {expected}, not {shown}."));
        }
    }
}

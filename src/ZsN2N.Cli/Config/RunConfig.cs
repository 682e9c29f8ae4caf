using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ZsN2N.Cli.Commands;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Options;

namespace ZsN2N.Cli.Config;

/// <summary>
/// The <c>config.json</c> of <c>zsn2n run</c>, with the original Python runner's keys: <c>image</c> (path, relative to
/// the config file's folder), <c>learning_rate</c>, <c>epoch_count</c>, <c>step_size</c>, <c>gamma</c>,
/// <c>degree</c> (Gaussian noise standard deviation in 0..1 units) and <c>max_bytes</c> (largest accepted image
/// file); and <c>noise</c>, the noise mode to denoise with (as <c>zsn2n denoise --noise</c>). Read strictly by System.Text.Json (unknown keys, repeated keys and wrong types are errors), the training
/// keys checked against the engine's <see cref="OptionRanges"/>; every complaint is a <see cref="ConfigException"/>
/// naming the file and the key. Only <c>image</c> is required; the other defaults are the engine's.
/// </summary>
internal sealed record RunConfig
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>Every key the file may hold, in documentation order.</summary>
    public static IReadOnlyList<string> Keys { get; } = Json.GetTypeInfo(typeof(RunConfig)).Properties.Select(p => p.Name).ToArray();

    /// <summary>The clean image to add noise to and denoise: relative to the config's folder in the file, a full path once loaded.</summary>
    [JsonRequired]
    public required string Image { get; init; }

    /// <summary>Adam's initial learning rate (<see cref="OptionRanges.LearningRate"/>).</summary>
    public float LearningRate { get; init; } = new ScheduleOptions().LearningRate;

    /// <summary>Training steps (the original called them epochs: one step per epoch on the single image; <see cref="OptionRanges.Iterations"/>).</summary>
    public long EpochCount { get; init; } = new ScheduleOptions().Iterations;

    /// <summary>Steps between learning-rate decays (<see cref="OptionRanges.StepSize"/>).</summary>
    public long StepSize { get; init; } = new ScheduleOptions().StepSize;

    /// <summary>Learning-rate factor at each decay (<see cref="OptionRanges.Gamma"/>).</summary>
    public float Gamma { get; init; } = new ScheduleOptions().Gamma;

    /// <summary>Standard deviation of the added Gaussian noise in 0..1 units, 0 to 1 (25/255 ≈ 0.098 is "sigma 25").</summary>
    public double Degree { get; init; } = 25.0 / 255;

    /// <summary>Largest image file accepted, in bytes, at least 1 (default 512 MiB).</summary>
    public long MaxBytes { get; init; } = ImageLimits.DefaultMaxFileBytes;

    /// <summary>The noise mode to denoise with: "independent" (the default), "camera" or "auto", as <c>--noise</c> (<see cref="OptionRanges.Noise"/>).</summary>
    public string Noise { get; init; } = "independent";

    /// <summary>The noise mode <see cref="Noise"/> names; valid once the config is loaded.</summary>
    public NoiseMode ToNoiseMode() => NoiseConverter.Keywords[Noise.Trim().ToLowerInvariant()];

    /// <summary>The training schedule of this config.</summary>
    public ScheduleOptions ToSchedule() => new()
    {
        Iterations = (int)EpochCount,
        LearningRate = LearningRate,
        StepSize = (int)StepSize,
        Gamma = Gamma,
    };

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
    /// <exception cref="ConfigException">Not JSON, or a key is unknown, repeated, mistyped or out of range.</exception>
    public static RunConfig Parse(string text, string configPath)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{configPath} is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigException($"{configPath}: the config must be a JSON object {{ \"image\": ..., ... }}, not {Kind(root)}.");
            }

            RunConfig config;
            try
            {
                config = root.Deserialize<RunConfig>(Json)!;
            }
            catch (JsonException e)
            {
                throw new ConfigException($"{configPath}: {Explain(e, root)}");
            }

            return config.Checked(configPath);
        }
    }

    // The ranges: the training keys are the engine's options, checked by the engine's ranges; degree and max_bytes are this file's own.
    private RunConfig Checked(string configPath)
    {
        if (string.IsNullOrWhiteSpace(Image))
        {
            throw new ConfigException($"{configPath}: key \"image\" must be a non-empty string (a file path).");
        }

        (string Key, InvalidOptionException? Error)[] training =
        [
            ("learning_rate", OptionRanges.LearningRate.Check(LearningRate)),
            ("epoch_count", OptionRanges.Iterations.Check(EpochCount)),
            ("step_size", OptionRanges.StepSize.Check(StepSize)),
            ("gamma", OptionRanges.Gamma.Check(Gamma)),
        ];
        if (training.FirstOrDefault(t => t.Error is not null) is (var key, { } error))
        {
            throw OutOfRange(configPath, key, error.Option.Requirement, error.ActualValue);
        }

        if (!double.IsFinite(Degree) || Degree is < 0 or > 1)
        {
            throw OutOfRange(configPath, "degree", "between 0 and 1 (noise standard deviation in 0..1 units; 0.1 is about sigma 25 of 255)", Degree);
        }

        if (MaxBytes < 1)
        {
            throw OutOfRange(configPath, "max_bytes", "at least 1", MaxBytes);
        }

        if (!NoiseConverter.Keywords.ContainsKey(Noise.Trim().ToLowerInvariant()))
        {
            throw OutOfRange(configPath, "noise", NoiseRequirement, $"\"{Noise}\"");
        }

        var imagePath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(configPath)!, Image));
        return File.Exists(imagePath)
            ? this with { Image = imagePath }
            : throw new ConfigException($"{configPath}: key \"image\": file '{imagePath}' does not exist.");
    }

    private static string NoiseRequirement => string.Join(", ", NoiseConverter.Keywords.Keys.Select(k => $"\"{k}\"")) + " (any case)";

    private static ConfigException OutOfRange(string configPath, string key, string requirement, object? value) =>
        new($"{configPath}: key \"{key}\" must be {requirement}, not {InvalidOptionException.Format(value)}.");

    // What System.Text.Json refused, in the config's words: the key is the exception's path, the kind of failure follows
    // from whether the key exists and what the value is.
    private static string Explain(JsonException error, JsonElement root)
    {
        var key = error.Path is ['$', '.', .. var rest] ? rest : null;
        if (key is null)
        {
            return "missing key \"image\" (the clean image to add noise to and denoise).";
        }

        if (!Keys.Contains(key))
        {
            return $"unknown key \"{key}\"; the keys are {string.Join(", ", Keys)}.";
        }

        var values = root.EnumerateObject().Where(p => p.Name == key).Select(p => p.Value).ToArray();
        if (values.Length > 1)
        {
            return $"key \"{key}\" appears twice.";
        }

        var type = Json.GetTypeInfo(typeof(RunConfig)).Properties.First(p => p.Name == key).PropertyType;
        var expected = key == "noise" ? $"must be {NoiseRequirement}"
            : type == typeof(string) ? "must be a non-empty string (a file path)"
            : type == typeof(long) ? "must be a whole number"
            : "must be a number";
        var value = values[0];
        var shown = value.ValueKind is JsonValueKind.Number or JsonValueKind.Null ? value.GetRawText() : $"{Kind(value)} {value.GetRawText()}";
        return string.Create(CultureInfo.InvariantCulture, $"key \"{key}\" {expected}, not {shown}.");
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
}

namespace ZsN2N.Cli.Config;

/// <summary>A <c>config.json</c> that cannot be used; the message names the file and the key. Exit code 2.</summary>
internal sealed class ConfigException(string message) : Exception(message);

namespace ZsN2N.Parity;

/// <summary>A bad command line; the program prints the message and the usage and exits with code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

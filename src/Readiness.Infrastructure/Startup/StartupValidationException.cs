namespace Readiness.Infrastructure.Startup;

/// <summary>
/// Bad input found at start-up (seed data, workflow definitions, configuration). The message names the file,
/// the field and the fix; the host prints it and stops without a stack trace.
/// </summary>
public sealed class StartupValidationException(string message) : Exception(message);

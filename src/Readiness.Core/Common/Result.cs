namespace Readiness.Core.Common;

/// <summary>The expected ways a use case can decline (DESIGN §3: expected failures are results, not exceptions).</summary>
public enum FailureKind
{
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

public sealed record Failure(FailureKind Kind, string Message);

/// <summary>Outcome of a use case: a value or a <see cref="Failure"/>.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Failure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }
    public Failure? Failure { get; }
    public bool Succeeded => Failure is null;

    public static Result<T> Ok(T value) => new(value, null);
    public static Result<T> Fail(FailureKind kind, string message) => new(default, new Failure(kind, message));
    public static implicit operator Result<T>(Failure failure) => new(default, failure);
}

public static class Failures
{
    public static Failure NotFound(string what) => new(FailureKind.NotFound, $"{what} was not found.");
    public static Failure Forbidden(string message) => new(FailureKind.Forbidden, message);
}

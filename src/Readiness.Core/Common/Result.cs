namespace Readiness.Core.Common;

/// <summary>
/// The expected ways a use case can decline (DESIGN §3: expected failures are results, not exceptions). Each kind has
/// one meaning everywhere, so the web layer gives it one status code everywhere.
/// </summary>
public enum FailureKind
{
    /// <summary>There is no such thing, or the person may not know it exists (forged links get this too).</summary>
    NotFound,

    /// <summary>It exists and the person can see it, but may not do this to it (e.g. deciding on their own return).</summary>
    Forbidden,

    /// <summary>The input needs fixing; <see cref="Failure.FieldErrors"/> says which inputs and how. Nothing changed.</summary>
    Invalid,

    /// <summary>Someone else got there first (already decided, already resolved, a lost race). Nothing changed.</summary>
    Conflict,

    /// <summary>What the person saw has changed since (a stamp or a content hash no longer matches). Nothing changed.</summary>
    Stale,
}

/// <summary>A problem with one input; <see cref="Field"/> is the use case's input name ("Comment", "Conditions[0]", "OffsetDays"), "" for the whole form.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// Why a use case declined. <see cref="FieldErrors"/> name the use case's inputs, not HTML names: the web layer
/// prefixes them for its form. A field may have several (e.g. every problem found in an uploaded file).
/// </summary>
public sealed record Failure(FailureKind Kind, string Message, IReadOnlyList<FieldError>? FieldErrors = null)
{
    public IReadOnlyList<FieldError> Fields => FieldErrors ?? [];
}

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

    /// <summary>The value turned into another (e.g. an entity into its id once the unit of work has committed it).</summary>
    public Result<TOther> Map<TOther>(Func<T, TOther> map) => Failure is { } f ? f : Result<TOther>.Ok(map(Value!));
}

public static class Failures
{
    public static Failure NotFound(string what) => new(FailureKind.NotFound, $"{what} was not found.");
    public static Failure Forbidden(string message) => new(FailureKind.Forbidden, message);
    public static Failure Conflict(string message) => new(FailureKind.Conflict, message);
    public static Failure Stale(string message) => new(FailureKind.Stale, message);
    public static Failure Invalid(string message) => new(FailureKind.Invalid, message);

    /// <summary>One input is wrong: the message is both the page's and the field's.</summary>
    public static Failure Invalid(string field, string message) => new(FailureKind.Invalid, message, [new FieldError(field, message)]);

    /// <summary>Several inputs are wrong; the page message lists them unless one is given.</summary>
    public static Failure Invalid(IEnumerable<FieldError> errors, string? message = null)
    {
        var list = errors.ToList();
        return new(FailureKind.Invalid, message ?? string.Join(" ", list.Select(e => e.Message).Distinct()), list);
    }

    public static Failure Invalid(IReadOnlyDictionary<string, string> fields, string? message = null) =>
        Invalid(fields.Select(f => new FieldError(f.Key, f.Value)), message);
}

namespace Readiness.Core.Persistence;

/// <summary>How the unit of work treats a database error.</summary>
public enum DbErrorKind
{
    /// <summary>Not a race: a real error, let it surface.</summary>
    Other,

    /// <summary>Another writer won (busy, serialization failure, deadlock): run the whole unit of work again on fresh data.</summary>
    Transient,

    /// <summary>
    /// A unique index was taken by a concurrent transaction (two first answers, two reminders for the same day, the same
    /// audit chain index): "someone else did it". The unit of work runs again, and reports a conflict if it keeps losing.
    /// </summary>
    UniqueViolation,
}

/// <summary>
/// The provider's half of the one retry rule (DESIGN §4): which of its errors are lost races. Optimistic-concurrency
/// failures (<c>DbUpdateConcurrencyException</c>) are transient on every provider and are recognised by the unit of
/// work itself; a provider only classifies its own exception types, found anywhere in the inner-exception chain.
/// </summary>
public interface IDbErrorRule
{
    DbErrorKind Classify(Exception exception);
}

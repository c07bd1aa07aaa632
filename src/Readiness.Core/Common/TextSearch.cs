using System.Linq.Expressions;
using System.Reflection;

namespace Readiness.Core.Common;

/// <summary>
/// The search box of a long list: rows where any of the given text fields holds the words typed (or is exactly what was
/// typed), ignoring case, evaluated in SQL (UPPER … LIKE, the same on SQLite and PostgreSQL) so a page of results costs a page.
/// </summary>
public static class TextSearch
{
    private static readonly MethodInfo ToUpper = typeof(string).GetMethod(nameof(string.ToUpper), Type.EmptyTypes)!;
    private static readonly MethodInfo Contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;

    /// <summary>The rows matching <paramref name="search"/> in any of <paramref name="fields"/>; all rows when it is blank.</summary>
    public static IQueryable<T> Matching<T>(this IQueryable<T> rows, string? search, params Expression<Func<T, string>>[] fields) =>
        string.IsNullOrWhiteSpace(search) || fields.Length == 0 ? rows
            : rows.Where(AnyField(search, fields, (upper, term) => Expression.Call(upper, Contains, term)));

    /// <summary>The rows where one of <paramref name="fields"/> is exactly <paramref name="typed"/>, ignoring case; none when it is blank.</summary>
    public static IQueryable<T> Named<T>(this IQueryable<T> rows, string? typed, params Expression<Func<T, string>>[] fields) =>
        string.IsNullOrWhiteSpace(typed) || fields.Length == 0 ? rows.Where(_ => false)
            : rows.Where(AnyField(typed, fields, (upper, term) => Expression.Equal(upper, term)));

    private static Expression<Func<T, bool>> AnyField<T>(string text, Expression<Func<T, string>>[] fields, Func<Expression, Expression, Expression> test)
    {
        // The culture-free upper case here and UPPER in SQL agree on the letters people type into a search box.
        var term = Expression.Constant(text.Trim().ToUpperInvariant());
        var row = Expression.Parameter(typeof(T), "row");
        var any = fields
            .Select(f => test(Expression.Call(new ParameterSwap(f.Parameters[0], row).Visit(f.Body), ToUpper), term))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<T, bool>>(any, row);
    }

    /// <summary>Puts one parameter in place of another, so several field selectors share the predicate's row.</summary>
    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Readiness.Core.Persistence;

/// <summary>Stores DateTime as UTC and reads it back marked as UTC, whatever the provider keeps.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

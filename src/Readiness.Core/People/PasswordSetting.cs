using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.People;

/// <summary>
/// An invited person setting their password from the emailed link. The link's token is Identity's reset token, bound
/// to the person's security stamp: setting the password renews the stamp, so the same link never works twice.
/// </summary>
public sealed class PasswordSetting(ReadinessDbContext db, UnitOfWork unitOfWork, UserManager<ReadinessUser> users, AuditLog audit, ReadinessClock clock)
{
    public const string LinkRefused = "This link cannot be used: it has been used already, it has expired, or it is not complete. Ask the PMO to invite you again.";

    /// <summary>Whether the link is still good (the page shows the form only then).</summary>
    public async Task<bool> LinkWorksAsync(string? personId, string? token, CancellationToken ct)
    {
        var person = personId is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == personId, ct);
        return person is { IsActive: true } && token is not null && await users.VerifyUserTokenAsync(person, users.Options.Tokens.PasswordResetTokenProvider, UserManager<ReadinessUser>.ResetPasswordTokenPurpose, token);
    }

    public Task<Result<string>> SetAsync(string? personId, string? token, string? password, string? confirm, RequestOrigin origin, CancellationToken ct) =>
        unitOfWork.RunAsync(async c =>
        {
            var person = personId is null ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == personId, c);
            if (person is not { IsActive: true } || token is null
                || !await users.VerifyUserTokenAsync(person, users.Options.Tokens.PasswordResetTokenProvider, UserManager<ReadinessUser>.ResetPasswordTokenPurpose, token))
                return Failures.Forbidden(LinkRefused);
            if (string.IsNullOrEmpty(password)) return Failures.Invalid("Password", "Enter a password.");
            if (password.Length > 256) return Failures.Invalid("Password", "Use a password of up to 256 characters.");
            if (password != confirm) return Failures.Invalid("Confirm", "The two passwords are not the same: type it again.");
            var problems = new List<string>();
            foreach (var validator in users.PasswordValidators)
                if (await validator.ValidateAsync(users, person, password) is { Succeeded: false } r) problems.AddRange(r.Errors.Select(e => e.Description));
            if (problems.Count > 0) return Failures.Invalid("Password", string.Join(" ", problems));
            person.PasswordHash = users.PasswordHasher.HashPassword(person, password);
            person.SecurityStamp = Guid.NewGuid().ToString();
            audit.Append(new AuditRecord(clock.UtcNow, person.Id, null, "person.password-set", "Person", person.Email!, AuditChannel.Web, origin.IpAddress, origin.UserAgent,
                $"{person.Email}: no password → password set from the invitation link"));
            return Result<string>.Ok("Your password is set. Sign in with your email address and the new password.");
        }, ct);
}

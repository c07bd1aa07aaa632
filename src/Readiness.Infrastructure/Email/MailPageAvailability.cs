using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Readiness.Infrastructure.Email;

/// <summary>
/// Whether the demo inbox (/Dev/Mail) exists: always in Development, elsewhere only when Email:ShowMailPage
/// is true (a demo server). It shows everyone's mail, so it must never appear on a live system by accident.
/// </summary>
public sealed class MailPageAvailability(IHostEnvironment environment, IOptions<SmtpOptions> options)
{
    public bool IsAvailable => environment.IsDevelopment() || options.Value.ShowMailPage;
}

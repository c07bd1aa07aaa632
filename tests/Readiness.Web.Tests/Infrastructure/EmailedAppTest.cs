using Readiness.Infrastructure.Tests.Email;

namespace Readiness.Web.Tests.Infrastructure;

/// <summary>
/// Base for tests that follow emailed links: the real app (<see cref="ReadinessFactory"/>) sending through MailKit
/// to a real SMTP server in this process, and an <see cref="ApprovalDriver"/> over both. Fresh for every test.
/// </summary>
public abstract class EmailedAppTest : IAsyncLifetime
{
    private protected SmtpTestServer Smtp { get; private set; } = null!;
    protected ReadinessFactory Factory { get; private set; } = null!;
    private protected ApprovalDriver Driver { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        Factory = new ReadinessFactory(settings: ApprovalDriver.SmtpSettings(Smtp));
        Driver = new ApprovalDriver(Factory, Smtp);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

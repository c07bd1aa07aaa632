using Microsoft.Extensions.Options;
using MimeKit;
using Readiness.Infrastructure.Email;

namespace Readiness.Infrastructure.Tests.Email;

/// <summary>The embedded default: messages written as .eml files that any mail client (and MimeKit) can open.</summary>
public sealed class PickupFolderTransportTests : IAsyncLifetime
{
    private OutboxTestDatabase _db = null!;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "readiness-pickup-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() => _db = await OutboxTestDatabase.CreateAsync();

    public Task DisposeAsync()
    {
        _db.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_dispatcher_writes_one_eml_named_by_message_id_that_mimekit_parses_with_both_parts()
    {
        var row = await _db.AddMessageAsync(subject: "Decision recorded");
        var options = new SmtpOptions { PickupFolder = _folder };
        var transport = new PickupFolderTransport(new MimeMessageFactory(Options.Create(options)), _folder);

        var result = await _db.RunAsync(transport, options);

        Assert.Equal(new DispatchResult(1, 0, 0), result);
        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.Equal(row.MessageId + ".eml", Path.GetFileName(file));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal(row.MessageId, message.MessageId);
        Assert.Equal("Decision recorded", message.Subject);
        Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Contains("Dear Priya", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>Dear Priya,</p>", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writing_the_same_message_again_replaces_its_file()
    {
        var row = await _db.AddMessageAsync();
        var options = new SmtpOptions { PickupFolder = _folder };
        var transport = new PickupFolderTransport(new MimeMessageFactory(Options.Create(options)), _folder);

        await transport.SendAsync(row, CancellationToken.None);
        await transport.SendAsync(row, CancellationToken.None);

        Assert.Single(Directory.GetFiles(_folder));
    }
}

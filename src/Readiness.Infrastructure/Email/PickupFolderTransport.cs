using Readiness.Core.Notifications;

namespace Readiness.Infrastructure.Email;

/// <summary>
/// Writes each message as <c>&lt;Message-ID&gt;.eml</c> into a folder: the embedded default needs no mail
/// server, and the files open in any mail client. Writing the same message again replaces its file.
/// </summary>
public sealed class PickupFolderTransport(MimeMessageFactory factory, string folder) : IMailTransport
{
    public string Folder => folder;

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName(message.MessageId));
        // Write then rename, so anything watching the folder never picks up half a message.
        var temp = Path.Combine(folder, $".{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = File.Create(temp))
                await factory.Create(message).WriteToAsync(stream, ct);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static string FileName(string messageId)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(messageId.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
        return safe + ".eml";
    }
}

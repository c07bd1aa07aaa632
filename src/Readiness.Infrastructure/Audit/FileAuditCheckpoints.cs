using System.Globalization;
using Microsoft.Extensions.Logging;
using Readiness.Core.Audit;

namespace Readiness.Infrastructure.Audit;

/// <summary>
/// Checkpoints the audit chain's head as signed lines appended to a file outside the database:
/// <c>index TAB hash TAB time TAB signature</c>. The signature (HMAC with the chain key) means a line cannot be forged
/// or edited without the key either. A line lost in a crash between the commit and the append only leaves the
/// database ahead of the checkpoints, which is normal; the database behind or different from them is what verification
/// reports. Several nodes may share the folder: each append is one small write in append mode.
/// </summary>
public sealed class FileAuditCheckpoints(string folder, AuditChainKey key, ILogger<FileAuditCheckpoints> logger) : IAuditCheckpoints
{
    public const string FileName = "audit-checkpoints.log";
    private static readonly Lock Gate = new();

    public string FilePath => Path.Combine(folder, FileName);

    public void Append(AuditHead head, DateTime atUtc)
    {
        var body = string.Join('\t', head.ChainIndex.ToString(CultureInfo.InvariantCulture), head.Hash, atUtc.ToString("O", CultureInfo.InvariantCulture));
        try
        {
            lock (Gate)
            {
                Directory.CreateDirectory(folder);
                File.AppendAllText(FilePath, $"{body}\t{key.Sign(body)}\n");
            }
        }
#pragma warning disable CA1031 // The commit has happened; a checkpoint that cannot be written is logged, never turned into a failed request.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Could not write the audit checkpoint for entry {Index} to {Path}", head.ChainIndex, FilePath);
        }
    }

    public CheckpointLog ReadAll()
    {
        if (!File.Exists(FilePath)) return new CheckpointLog([], []);
        var checkpoints = new List<AuditCheckpoint>();
        var problems = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(FilePath))
        {
            number++;
            if (line.Length == 0) continue;
            var parts = line.Split('\t');
            if (parts.Length != 4 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || !DateTime.TryParse(parts[2], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
            {
                problems.Add($"line {number} of {FileName} cannot be read.");
                continue;
            }
            if (key.Sign(string.Join('\t', parts[0], parts[1], parts[2])) != parts[3])
            {
                problems.Add($"line {number} of {FileName} is not genuine: its signature does not match.");
                continue;
            }
            checkpoints.Add(new AuditCheckpoint(index, parts[1], at.ToUniversalTime()));
        }
        return new CheckpointLog(checkpoints, problems);
    }
}

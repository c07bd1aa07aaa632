using System.ComponentModel.DataAnnotations;
using Readiness.Core.Audit;

namespace Readiness.Infrastructure.Audit;

/// <summary>Configuration section "Audit": the key of the hash chain and where its head is checkpointed.</summary>
public sealed class AuditOptions : IValidatableObject
{
    public const string Section = "Audit";

    /// <summary>
    /// Secret (32+ characters) that keys the audit chain (HMAC-SHA256) and signs its checkpoints. Keep it out of the
    /// database's reach (a secret store or the environment): whoever holds it and the database could re-chain the log.
    /// Changing it makes every existing entry fail verification, so set it once.
    /// </summary>
    public string ChainKey { get; set; } = "";

    /// <summary>Folder of the checkpoint file, outside the database (ideally storage the database's admins cannot write).</summary>
    public string CheckpointPath { get; set; } = "App_Data/audit";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ChainKey))
            yield return new ValidationResult($"Audit:ChainKey is not set. Set a secret of at least {AuditChainKey.MinimumLength} characters (e.g. the environment variable Audit__ChainKey); it keys the audit log's hash chain.", [nameof(ChainKey)]);
        else if (ChainKey.Length < AuditChainKey.MinimumLength)
            yield return new ValidationResult($"Audit:ChainKey is {ChainKey.Length} characters; it must be at least {AuditChainKey.MinimumLength}.", [nameof(ChainKey)]);
        if (string.IsNullOrWhiteSpace(CheckpointPath))
            yield return new ValidationResult("Audit:CheckpointPath is empty. Give a folder for the audit checkpoints, e.g. App_Data/audit.", [nameof(CheckpointPath)]);
    }
}

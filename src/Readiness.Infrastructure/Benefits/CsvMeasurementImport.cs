using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Benefits;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Indicators;
using Readiness.Core.Persistence;
using Readiness.Infrastructure.Indicators;

namespace Readiness.Infrastructure.Benefits;

/// <summary>
/// Measurements of a benefit from a CSV file, in the readings' format (<c>date,value</c> or <c>date,value,unit</c>, parsed by
/// <see cref="CsvReadings"/>): all rows are imported through <see cref="BenefitCommands"/> or none, every problem named by row and column.
/// </summary>
public sealed class CsvMeasurementImport(ReadinessDbContext db, BenefitCommands commands, IndicatorSettings settings)
{
    public async Task<Result<ImportOutcome>> ImportAsync(Actor actor, int benefitId, Stream file, RequestOrigin origin, CancellationToken ct)
    {
        var unit = await db.Benefits.Where(b => b.Id == benefitId).Select(b => b.Unit).FirstOrDefaultAsync(ct);
        if (unit is null) return Failures.NotFound("The benefit");
        var (rows, problems) = CsvReadings.Parse(file, unit, settings.MaxCsvRows, "measurement", "benefit");
        return await commands.ImportAsync(actor, benefitId, rows, MeasurementSource.Csv, origin, problems, ct);
    }
}

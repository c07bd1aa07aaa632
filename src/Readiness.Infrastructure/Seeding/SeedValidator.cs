using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.RegularExpressions;
using Readiness.Core.Admin;
using Readiness.Core.Assessments;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;
using Readiness.Core.Templates;

namespace Readiness.Infrastructure.Seeding;

/// <summary>The meaning checks on seed files: codes unique, references resolve, values in range, rules per answer type.</summary>
internal static partial class SeedValidator
{
    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{0,19}$")]
    private static partial Regex CodePattern();

    public static void Validate(AreasDocument areas, UsersDocument users, PortfolioDocument portfolio,
        IReadOnlyList<(string File, TemplateDocument Template, string Hash)> templates, SeedProblems problems, GeneratedPortfolioDocument? generated = null)
    {
        var areaCodes = ValidateAreas(areas, problems);
        var roleByEmail = ValidateUsers(users, areaCodes, problems);
        var templateKeys = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<(string, int)>();
        foreach (var (file, template, _) in templates)
        {
            ValidateTemplate(file, template, problems);
            templateKeys.Add(template.Key);
            if (!seen.Add((template.Key, template.Version)))
                problems.Add(file, "$.version", $"Template '{template.Key}' version {template.Version} is defined twice. Give each version its own number.");
        }
        ValidatePortfolio(portfolio, areaCodes, roleByEmail, templateKeys, problems);
        if (generated is not null) GeneratedPortfolio.Validate(generated, areaCodes, roleByEmail, portfolio, problems);
    }

    private static HashSet<string> ValidateAreas(AreasDocument doc, SeedProblems problems)
    {
        const string file = SeedReader.AreasFile;
        var codes = new HashSet<string>(StringComparer.Ordinal);
        void Walk(IReadOnlyList<AreaEntry> list, string path)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var a = list[i];
                var p = $"{path}[{i}]";
                CheckCode(file, $"{p}.code", a.Code, problems);
                if (!codes.Add(a.Code)) problems.Add(file, $"{p}.code", $"Business area code '{a.Code}' is used twice. Codes must be unique across the file.");
                if (string.IsNullOrWhiteSpace(a.Name)) problems.Add(file, $"{p}.name", "Give the business area a name.");
                if (!TryEnum<BusinessAreaKind>(a.Kind, out _, ignoreCase: true)) problems.Add(file, $"{p}.kind", $"'{a.Kind}' is not a kind of area. Use one of: Directorate, Command, BCU, Unit.");
                ValidateCapacities(file, $"{p}.trainingCapacity", a.TrainingCapacity ?? [], problems);
                if (a.Children is not null) Walk(a.Children, $"{p}.children");
            }
        }
        Walk(doc.Areas, "$.areas");
        if (doc.Areas.Count == 0) problems.Add(file, "$.areas", "List at least one business area.");
        return codes;
    }

    /// <summary>The rules of the PMO's capacity page (<see cref="TrainingLoad.Problems"/>), and one capacity per week.</summary>
    private static void ValidateCapacities(string file, string path, IReadOnlyList<CapacityEntrySeed> entries, SeedProblems problems)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            foreach (var problem in TrainingLoad.Problems(entries[i].HoursPerWeek, entries[i].BauSharePercent))
                problems.Add(file, $"{path}[{i}].{JsonNamingPolicy.CamelCase.ConvertName(problem.Field)}", problem.Message);
            if (entries.Take(i).Any(e => Math.Abs(e.FromDays - entries[i].FromDays) < 7))
                problems.Add(file, $"{path}[{i}].fromDays", "Two capacities start within a week of each other: keep one per week, at least 7 days apart.");
        }
    }

    private static Dictionary<string, IReadOnlyList<string>> ValidateUsers(UsersDocument doc, HashSet<string> areaCodes, SeedProblems problems)
    {
        const string file = SeedReader.UsersFile;
        var byEmail = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(doc.DefaultPassword)) problems.Add(file, "$.defaultPassword", "Set the password the demo accounts sign in with.");
        for (var i = 0; i < doc.Users.Count; i++)
        {
            var u = doc.Users[i];
            var p = $"$.users[{i}]";
            if (!MailAddress.TryCreate(u.Email, out _)) problems.Add(file, $"{p}.email", $"'{u.Email}' is not an email address.");
            else if (!byEmail.TryAdd(u.Email, u.Roles)) problems.Add(file, $"{p}.email", $"'{u.Email}' is listed twice. Each person appears once.");
            if (string.IsNullOrWhiteSpace(u.Name)) problems.Add(file, $"{p}.name", "Give the person a name.");
            if (u.Roles.Count == 0) problems.Add(file, $"{p}.roles", $"Give {u.Email} at least one role: {string.Join(", ", Roles.All)}.");
            foreach (var role in u.Roles.Where(r => !Roles.All.Contains(r)))
                problems.Add(file, $"{p}.roles", $"'{role}' is not a role. Use {string.Join(", ", Roles.All)}.");
            CheckAreas(file, $"{p}.teamLeadOf", u.TeamLeadOf, areaCodes, problems);
            CheckAreas(file, $"{p}.bcmOf", u.BcmOf, areaCodes, problems);
            if (u.Roles.Contains(Roles.TeamLead) != (u.TeamLeadOf?.Count > 0))
                problems.Add(file, $"{p}.teamLeadOf", "A TeamLead needs the areas they lead in teamLeadOf, and only a TeamLead may have them.");
            if (u.Roles.Contains(Roles.Bcm) != (u.BcmOf?.Count > 0))
                problems.Add(file, $"{p}.bcmOf", "A BCM needs the areas they manage change for in bcmOf, and only a BCM may have them.");
        }
        return byEmail;
    }

    private static void ValidatePortfolio(PortfolioDocument doc, HashSet<string> areaCodes, Dictionary<string, IReadOnlyList<string>> users,
        HashSet<string> templateKeys, SeedProblems problems)
    {
        const string file = SeedReader.PortfolioFile;
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < doc.GateKinds.Count; i++)
        {
            var g = doc.GateKinds[i];
            var p = $"$.gateKinds[{i}]";
            if (!TryEnum<GateKind>(g.Kind, out _)) problems.Add(file, $"{p}.kind", $"'{g.Kind}' is not a gate kind. Use {string.Join(", ", Enum.GetNames<GateKind>())}.");
            else if (!kinds.Add(g.Kind)) problems.Add(file, $"{p}.kind", $"Gate kind '{g.Kind}' is listed twice.");
            foreach (var problem in ReleaseAdmin.GateKindProblems(g.Name, g.OffsetDays))
                problems.Add(file, $"{p}.{JsonNamingPolicy.CamelCase.ConvertName(problem.Field)}", problem.Message);
            if (g.Template is not null && !templateKeys.Contains(g.Template))
                problems.Add(file, $"{p}.template", $"No template with key '{g.Template}' in templates/. Use one of: {string.Join(", ", templateKeys)}.");
        }
        var programmeCodes = new HashSet<string>(StringComparer.Ordinal);
        var releaseCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < doc.Programmes.Count; i++)
        {
            var prog = doc.Programmes[i];
            var p = $"$.programmes[{i}]";
            CheckCode(file, $"{p}.code", prog.Code, problems);
            if (!programmeCodes.Add(prog.Code)) problems.Add(file, $"{p}.code", $"Programme code '{prog.Code}' is used twice.");
            for (var j = 0; j < prog.Releases.Count; j++)
                ValidateRelease(prog.Releases[j], $"{p}.releases[{j}]", areaCodes, users, kinds, releaseCodes, problems);
        }
        ValidateDependencies(doc, releaseCodes, problems);
    }

    /// <summary>Each "dependsOn" names another release of the file.</summary>
    private static void ValidateDependencies(PortfolioDocument doc, HashSet<string> releaseCodes, SeedProblems problems)
    {
        for (var i = 0; i < doc.Programmes.Count; i++)
            for (var j = 0; j < doc.Programmes[i].Releases.Count; j++)
            {
                var r = doc.Programmes[i].Releases[j];
                for (var k = 0; k < (r.DependsOn?.Count ?? 0); k++)
                {
                    var code = r.DependsOn![k];
                    var path = $"$.programmes[{i}].releases[{j}].dependsOn[{k}]";
                    if (code == r.Code) problems.Add(SeedReader.PortfolioFile, path, $"Release '{r.Code}' cannot depend on itself. Remove it from dependsOn.");
                    else if (!releaseCodes.Contains(code)) problems.Add(SeedReader.PortfolioFile, path, $"Unknown release '{code}' in dependsOn. Use a release code from this file.");
                }
            }
    }

    private static void ValidateRelease(ReleaseEntry r, string p, HashSet<string> areaCodes, Dictionary<string, IReadOnlyList<string>> users,
        HashSet<string> kinds, HashSet<string> releaseCodes, SeedProblems problems)
    {
        const string file = SeedReader.PortfolioFile;
        CheckCode(file, $"{p}.code", r.Code, problems);
        if (!releaseCodes.Add(r.Code)) problems.Add(file, $"{p}.code", $"Release code '{r.Code}' is used twice.");
        if (string.IsNullOrWhiteSpace(r.Name)) problems.Add(file, $"{p}.name", "Give the release a name.");
        if (!users.TryGetValue(r.Sro, out var roles) || !roles.Contains(Roles.Sro))
            problems.Add(file, $"{p}.sro", $"'{r.Sro}' is not a user with the SRO role in users.json.");
        if (!TryEnum<ReleaseStatus>(r.Status, out _))
            problems.Add(file, $"{p}.status", $"'{r.Status}' is not a release status. Use {string.Join(", ", Enum.GetNames<ReleaseStatus>())}.");
        foreach (var (gate, k) in (r.Gates ?? []).Select((g, k) => (g, k)).Where(x => !kinds.Contains(x.g)))
            problems.Add(file, $"{p}.gates[{k}]", $"'{gate}' is not one of the gateKinds ({string.Join(", ", kinds)}).");
        var impacted = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < r.Impacts.Count; k++)
        {
            var im = r.Impacts[k];
            var ip = $"{p}.impacts[{k}]";
            if (!areaCodes.Contains(im.Area)) problems.Add(file, $"{ip}.area", $"Unknown business area '{im.Area}'. Use a code from business-areas.json.");
            else if (!impacted.Add(im.Area)) problems.Add(file, $"{ip}.area", $"Area '{im.Area}' is impacted twice by this release. Merge the two entries.");
            if (im.Headcount <= 0) problems.Add(file, $"{ip}.headcount", "Headcount must be a whole number above 0.");
            if (!TryEnum<ImpactLevel>(im.Level, out _)) problems.Add(file, $"{ip}.level", $"'{im.Level}' is not an impact level. Use Low, Medium or High.");
            if (im.TrainingHoursPerPerson < 0) problems.Add(file, $"{ip}.trainingHoursPerPerson", "Training hours cannot be negative.");
            if (im.HypercareWeeks is < 0 or > 26) problems.Add(file, $"{ip}.hypercareWeeks", "Hypercare weeks must be from 0 to 26.");
        }
    }

    internal static void ValidateTemplate(string file, TemplateDocument t, SeedProblems problems)
    {
        if (string.IsNullOrWhiteSpace(t.Key)) problems.Add(file, "$.key", "Give the template a key, e.g. 'business-readiness'.");
        if (t.Version < 1) problems.Add(file, "$.version", "Versions start at 1.");
        if (t.Thresholds.Amber is < 0 or > 100 || t.Thresholds.Green is < 0 or > 100 || t.Thresholds.Amber > t.Thresholds.Green)
            problems.Add(file, "$.thresholds", "Thresholds are scores from 0 to 100, with amber at or below green.");
        if (t.Sections.Count == 0) problems.Add(file, "$.sections", "A template needs at least one section.");
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < t.Sections.Count; i++)
        {
            var s = t.Sections[i];
            if (!codes.Add(s.Code)) problems.Add(file, $"$.sections[{i}].code", $"Section code '{s.Code}' is used twice.");
            if (s.Criteria.Count == 0) problems.Add(file, $"$.sections[{i}].criteria", "A section needs at least one criterion.");
            for (var j = 0; j < s.Criteria.Count; j++)
            {
                var c = s.Criteria[j];
                var p = $"$.sections[{i}].criteria[{j}]";
                if (!codes.Add(c.Code)) problems.Add(file, $"{p}.code", $"Criterion code '{c.Code}' is used twice.");
                ValidateCriterion(file, p, c, problems);
            }
        }
    }

    private static void ValidateCriterion(string file, string p, CriterionEntry c, SeedProblems problems)
    {
        if (string.IsNullOrWhiteSpace(c.Text)) problems.Add(file, $"{p}.text", "Write the question.");
        if (string.IsNullOrWhiteSpace(c.Guidance)) problems.Add(file, $"{p}.guidance", "Add guidance: how to answer and what good looks like.");
        if (string.IsNullOrWhiteSpace(c.ExpectedEvidence)) problems.Add(file, $"{p}.expectedEvidence", "Say what evidence proves the answer.");
        if (c.Weight is < 1 or > 5) problems.Add(file, $"{p}.weight", "Weight must be a whole number from 1 to 5.");
        if (!TryEnum<EvidenceRule>(c.Evidence, out _)) problems.Add(file, $"{p}.evidence", $"'{c.Evidence}' is not an evidence rule. Use None, WhenPassing or Always.");
        if (c.AppliesIf?.MinImpactLevel is { } lvl && !TryEnum<ImpactLevel>(lvl, out _))
            problems.Add(file, $"{p}.appliesIf.minImpactLevel", $"'{lvl}' is not an impact level. Use Low, Medium or High.");
        if (!TryEnum<AnswerType>(c.AnswerType, out var type))
        {
            problems.Add(file, $"{p}.answerType", $"'{c.AnswerType}' is not an answer type. Use {string.Join(", ", Enum.GetNames<AnswerType>())}.");
            return;
        }
        if (c.Range is not null && type is not (AnswerType.Number or AnswerType.Percentage))
            problems.Add(file, $"{p}.range", "A range is allowed only on Number and Percentage criteria.");
        if (c.Range is { Min: { } min, Max: { } max } && min > max) problems.Add(file, $"{p}.range", "The range minimum is above its maximum.");
        if (c.Unit is not null && type != AnswerType.Number) problems.Add(file, $"{p}.unit", "A unit is allowed only on Number criteria.");
        if (type == AnswerType.Text && c.Blocking) problems.Add(file, $"{p}.blocking", "A Text criterion has no pass rule, so it cannot be blocking.");
        var minimumProblem = MinimumPassProblem(type, c.MinimumPass);
        if (minimumProblem is not null) problems.Add(file, $"{p}.minimumPass", minimumProblem);
    }

    private static string? MinimumPassProblem(AnswerType type, string? minimum)
    {
        var choices = AnswerRules.ChoicesFor(type);
        return type switch
        {
            _ when choices.Count > 0 => minimum is not null && choices.Take(choices.Count - 1).Contains(minimum) ? null
                : $"For {type} the minimum pass must be one of: {string.Join(", ", choices.Take(choices.Count - 1))}.",
            AnswerType.Percentage or AnswerType.Number => minimum is null || decimal.TryParse(minimum, NumberStyles.Number, CultureInfo.InvariantCulture, out _) ? null
                : $"For {type} the minimum pass is a number written as a string, like \"90\".",
            AnswerType.Date => minimum is null || AnswerRules.TryParseOffset(minimum, out _) ? null
                : "For Date the minimum pass is a day relative to go-live, like \"T-7\".",
            _ => minimum is null ? null : $"A {type} criterion has no minimum pass: remove it.",
        };
    }

    internal static void CheckCode(string file, string path, string code, SeedProblems problems)
    {
        if (!CodePattern().IsMatch(code ?? ""))
            problems.Add(file, path, $"'{code}' is not a valid code: use up to 20 capital letters, digits and hyphens.");
    }

    private static void CheckAreas(string file, string path, IReadOnlyList<string>? codes, HashSet<string> areaCodes, SeedProblems problems)
    {
        for (var i = 0; i < (codes?.Count ?? 0); i++)
            if (!areaCodes.Contains(codes![i])) problems.Add(file, $"{path}[{i}]", $"Unknown business area '{codes[i]}'. Use a code from business-areas.json.");
    }

    /// <summary>Enum names only: Enum.TryParse alone would also accept "42" and store an undefined value.</summary>
    internal static bool TryEnum<T>(string? value, out T result, bool ignoreCase = false) where T : struct, Enum =>
        Enum.TryParse(value, ignoreCase, out result) && Enum.IsDefined(result) && !int.TryParse(value, out _);
}

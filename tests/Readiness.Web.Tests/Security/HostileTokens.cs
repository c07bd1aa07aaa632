using System.Globalization;
using System.Text;

namespace Readiness.Web.Tests.Security;

/// <summary>
/// The attack drill's token generator: from one valid token, the many ways a guessed, damaged or doctored token comes
/// back — random ones of the right shape, truncated, extended, case-flipped, a character changed, not base64, very long,
/// double percent-encoded, and unicode look-alikes. Seeded, so a failing case can be run again.
/// </summary>
internal static class HostileTokens
{
    public static IReadOnlyList<(string Kind, string Token)> From(string valid, int seed = 14)
    {
        var random = new Random(seed);
        var variants = new List<(string, string)>();
        for (var i = 0; i < 8; i++) variants.Add(($"random {i}", RandomLike(valid, random)));
        foreach (var keep in new[] { valid.Length - 1, valid.Length - 5, valid.Length / 2, 8, 1 })
            variants.Add(($"truncated to {keep}", valid[..keep]));
        variants.Add(("without its first character", valid[1..]));
        foreach (var tail in new[] { "A", "=", "==", "0", " ", "%00", "/", "?x=1", valid })
            variants.Add(($"extended by '{Printable(tail)}'", valid + tail));
        variants.Add(("case flipped", Flip(valid, _ => true)));
        variants.Add(("one letter's case flipped", Flip(valid, i => i == valid.IndexOf(valid.First(char.IsLetter)))));
        for (var i = 0; i < 6; i++)
        {
            var at = random.Next(valid.Length);
            var chars = valid.ToCharArray();
            chars[at] = chars[at] == 'A' ? 'B' : 'A';
            variants.Add(($"character {at} changed", new string(chars)));
        }
        foreach (var junk in new[] { "!!!!", "not a token", "' OR '1'='1", "<script>alert(1)</script>", "../../etc/passwd", "%", "null", "0", "\t", "{token}" })
            variants.Add(($"not base64: '{Printable(junk)}'", junk));
        variants.Add(("very long (10,000 characters)", new string('A', 10_000)));
        variants.Add(("valid then very long", valid + new string('x', 5_000)));
        variants.Add(("double percent-encoded", string.Concat(valid.Select(c => "%" + ((int)c).ToString("X2", CultureInfo.InvariantCulture)))));
        variants.Add(("Cyrillic look-alikes", CyrillicLookAlikes(valid)));
        variants.Add(("full-width", new string(valid.Select(c => c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c).ToArray())));
        variants.Add(("zero-width space inside", valid.Insert(valid.Length / 2, "\u200B")));
        variants.Add(("right-to-left override", "\u202E" + valid));
        variants.Add(("emoji", valid[..^2] + "💥"));
        variants.Add(("decomposed accent", valid + "e\u0301"));
        return variants;
    }

    /// <summary>
    /// The token with its Latin letters swapped for Cyrillic ones that look the same. A random token need not hold
    /// any of the swapped letters (the variant would then be the valid token itself), so at least its first
    /// character is swapped.
    /// </summary>
    private static string CyrillicLookAlikes(string valid)
    {
        const string latin = "AaBCcEeHKMOoPpTXxy", cyrillic = "АаВСсЕеНКМОоРрТХху";
        var swapped = new string(valid.Select(c => latin.IndexOf(c) is var i and >= 0 ? cyrillic[i] : c).ToArray());
        return swapped != valid ? swapped : "а" + swapped[1..];
    }

    /// <summary>A token of the same length and alphabet as <paramref name="like"/>.</summary>
    private static string RandomLike(string like, Random random)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return new string(Enumerable.Range(0, like.Length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }

    private static string Flip(string s, Func<int, bool> at)
    {
        var b = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
            b.Append(!at(i) ? s[i] : char.IsUpper(s[i]) ? char.ToLowerInvariant(s[i]) : char.ToUpperInvariant(s[i]));
        return b.ToString();
    }

    private static string Printable(string s) => s.Length > 20 ? s[..20] + "…" : s.Replace("\t", "\\t", StringComparison.Ordinal);
}

using Readiness.Core.Approvals;

namespace Readiness.Core.Tests.Approvals;

public sealed class ApprovalTokenTests
{
    [Fact]
    public void A_token_carries_256_bits_and_only_its_sha256_is_kept()
    {
        var (token, hash) = ApprovalTokens.Create();

        Assert.Equal(43, token.Length); // 32 bytes, base64url without padding
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(token, hash, StringComparison.Ordinal);
        Assert.Equal(ApprovalRequest.HashToken(token), hash);
    }

    [Fact]
    public void Tokens_are_unique()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => ApprovalTokens.Create().Token).ToHashSet();

        Assert.Equal(1000, tokens.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Empty_tokens_never_match(string? presented)
    {
        var (_, hash) = ApprovalTokens.Create();

        Assert.False(ApprovalTokens.Matches(presented, hash));
    }

    [Fact]
    public void Only_the_exact_token_matches()
    {
        var (token, hash) = ApprovalTokens.Create();

        Assert.True(ApprovalTokens.Matches(token, hash));
        Assert.False(ApprovalTokens.Matches(token[..^1], hash));
        Assert.False(ApprovalTokens.Matches(token + "x", hash));
        Assert.False(ApprovalTokens.Matches(new string('A', 5000), hash));
    }
}

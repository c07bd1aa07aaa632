using System.Threading.RateLimiting;

namespace Readiness.Web.Pages.Account;

/// <summary>
/// Slows password guessing: failed sign-ins spend tokens from two token buckets (System.Threading.RateLimiting, the
/// limiters ASP.NET Core's rate limiting is built on), one per client address and one per account. While either is
/// empty, sign-in is refused without checking the password; the buckets refill over time. Successful sign-ins spend
/// nothing, so people signing in normally never meet it. Spraying many accounts from one address is stopped by the
/// address's bucket; a distributed attack on one account, by the account's.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _byClient;
    private readonly PartitionedRateLimiter<string> _byAccount;

    public SignInThrottle(SignInThrottleOptions options)
    {
        _byClient = Buckets(options.FailuresPerClient, TimeSpan.FromMinutes(1));
        _byAccount = Buckets(options.FailuresPerAccount, TimeSpan.FromMinutes(5));
    }

    private static PartitionedRateLimiter<string> Buckets(int size, TimeSpan refill) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = size,
            TokensPerPeriod = size,
            ReplenishmentPeriod = refill,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>True when this client and this account may try a password now.</summary>
    public bool MayTry(string client, string account) =>
        Available(_byClient, "client:" + client) && Available(_byAccount, "account:" + account);

    /// <summary>A failed attempt spends one token from both buckets.</summary>
    public void Failed(string client, string account)
    {
        using var a = _byClient.AttemptAcquire("client:" + client);
        using var b = _byAccount.AttemptAcquire("account:" + account);
    }

    private static bool Available(PartitionedRateLimiter<string> limiter, string key) =>
        (limiter.GetStatistics(key)?.CurrentAvailablePermits ?? 1) > 0;

    public void Dispose()
    {
        _byClient.Dispose();
        _byAccount.Dispose();
    }
}

/// <summary>Configuration section "SignIn": how many failed attempts each bucket holds (refilled every minute / five minutes).</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn";

    public int FailuresPerClient { get; set; } = 10;
    public int FailuresPerAccount { get; set; } = 5;
}

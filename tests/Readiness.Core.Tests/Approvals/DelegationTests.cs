using Readiness.Core.Approvals;

namespace Readiness.Core.Tests.Approvals;

public sealed class DelegationTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Monday = new(2026, 3, 2);

    [Fact]
    public void Without_a_delegation_the_person_is_asked()
    {
        Assert.Equal(("ann", (string?)null), Delegation.Resolve("ann", [], Monday));
    }

    [Fact]
    public void During_the_range_the_delegate_is_asked_on_behalf_of_the_delegator()
    {
        var d = new Delegation("ann", "bob", Monday, Monday.AddDays(4), Now);

        Assert.Equal(("bob", "ann"), Delegation.Resolve("ann", [d], Monday.AddDays(4)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public void Outside_the_range_the_delegator_is_asked(int dayOffset)
    {
        var d = new Delegation("ann", "bob", Monday, Monday.AddDays(4), Now);

        Assert.Equal(("ann", (string?)null), Delegation.Resolve("ann", [d], Monday.AddDays(dayOffset)));
    }

    [Fact]
    public void Delegation_does_not_cascade_to_the_delegates_own_delegate()
    {
        var annToBob = new Delegation("ann", "bob", Monday, Monday.AddDays(4), Now);
        var bobToCat = new Delegation("bob", "cat", Monday, Monday.AddDays(4), Now);

        Assert.Equal(("bob", "ann"), Delegation.Resolve("ann", [annToBob, bobToCat], Monday));
    }

    [Fact]
    public void A_cancelled_delegation_no_longer_applies()
    {
        var d = new Delegation("ann", "bob", Monday, Monday.AddDays(4), Now);
        d.Cancel(Now);

        Assert.Equal(("ann", (string?)null), Delegation.Resolve("ann", [d], Monday));
    }

    [Fact]
    public void The_newest_of_overlapping_delegations_wins()
    {
        var older = new Delegation("ann", "bob", Monday, Monday.AddDays(4), Now);
        var newer = new Delegation("ann", "cat", Monday, Monday.AddDays(2), Now.AddHours(1));

        Assert.Equal(("cat", "ann"), Delegation.Resolve("ann", [older, newer], Monday.AddDays(1)));
    }

    [Fact]
    public void A_person_cannot_delegate_to_themselves_or_end_before_starting()
    {
        Assert.Throws<ArgumentException>(() => new Delegation("ann", "ann", Monday, Monday, Now));
        Assert.Throws<ArgumentException>(() => new Delegation("ann", "bob", Monday, Monday.AddDays(-1), Now));
    }
}

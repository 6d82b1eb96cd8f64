using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Domain.Tests.Scheduling;

public sealed class ClearanceValidityTests
{
    [Theory]
    [InlineData(int.MinValue, false)]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(6, true)]
    [InlineData(24, true)]
    [InlineData(25, false)]
    [InlineData(int.MaxValue, false)]
    public void A_clearance_runs_1_to_24_months_by_default_and_12_until_the_clinic_changes_it(int months, bool accepted)
    {
        var policy = BookingPolicy.Default();
        policy.ClearanceValidMonths.ShouldBe(12);

        if (accepted)
        {
            policy.SetClearanceValidity(months);
            policy.ClearanceValidMonths.ShouldBe(months);
        }
        else
        {
            var refused = Should.Throw<DomainException>(() => policy.SetClearanceValidity(months));
            refused.Field.ShouldBe(nameof(BookingPolicy.ClearanceValidMonths));
            refused.Message.ShouldBe("A clearance runs 1 to 24 months.");
            policy.ClearanceValidMonths.ShouldBe(12);
        }
    }
}

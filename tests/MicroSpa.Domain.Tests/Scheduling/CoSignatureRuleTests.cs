using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Domain.Tests.Scheduling;

public sealed class CoSignatureRuleTests
{
    [Fact]
    public void No_chart_waits_while_the_clinic_does_not_require_a_co_signature()
    {
        var policy = BookingPolicy.Default();

        policy.CoSignatureNeeded(signedByMedicalDirector: false).ShouldBeFalse();
    }

    [Fact]
    public void A_chart_signed_by_an_esthetician_or_nurse_waits_when_the_clinic_requires_it()
    {
        var policy = BookingPolicy.Default();
        policy.RequireCoSignature(true);

        policy.CoSignatureNeeded(signedByMedicalDirector: false).ShouldBeTrue();
    }

    [Fact]
    public void The_medical_directors_own_signature_needs_no_co_signature()
    {
        var policy = BookingPolicy.Default();
        policy.RequireCoSignature(true);

        policy.CoSignatureNeeded(signedByMedicalDirector: true).ShouldBeFalse();
    }
}

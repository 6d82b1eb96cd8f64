using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;

namespace MicroSpa.Domain.Tests.Scheduling;

public sealed class ServiceTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(62)]
    [InlineData(485)]
    public void Refuses_a_duration_outside_15_to_480_minutes_in_steps_of_5(int minutes)
    {
        var error = Should.Throw<DomainException>(() => new Service("Face", "", ServiceKind.Treatment, minutes, 100m,
            ProviderCredential.Esthetician, 0, [TestData.Area()]));
        error.Field.ShouldBe(nameof(Service.DurationMinutes));
    }

    [Fact]
    public void Refuses_a_negative_price_and_fractions_of_a_cent()
    {
        Should.Throw<DomainException>(() => TestData.Facial().Reprice(-1m)).Field.ShouldBe(nameof(Service.Price));
        Should.Throw<DomainException>(() => TestData.Facial().Reprice(10.005m)).Field.ShouldBe(nameof(Service.Price));
    }

    [Fact]
    public void Refuses_a_treatment_without_body_areas_or_with_a_never_treat_area()
    {
        Should.Throw<DomainException>(() => new Service("Face", "", ServiceKind.Treatment, 60, 100m,
            ProviderCredential.Esthetician, 0, Array.Empty<BodyArea>()));

        var eyelids = new BodyArea("Eyelids", BodyRegion.Face);
        eyelids.MarkNeverTreat();
        Should.Throw<DomainException>(() => new Service("Eyes", "", ServiceKind.Treatment, 60, 100m,
            ProviderCredential.Esthetician, 0, [eyelids])).Message.ShouldContain("never treated");
    }

    [Fact]
    public void Refuses_a_service_no_credential_may_perform()
    {
        Should.Throw<DomainException>(() => TestData.Facial().AllowCredentials(ProviderCredential.None));
    }

    [Fact]
    public void Nurse_only_services_exclude_estheticians()
    {
        var service = TestData.Facial();
        service.AllowCredentials(ProviderCredential.Nurse);

        service.CanBePerformedBy(new Provider("Nina", ProviderCredential.Nurse, true)).ShouldBeTrue();
        service.CanBePerformedBy(TestData.Esthetician()).ShouldBeFalse();
    }
}

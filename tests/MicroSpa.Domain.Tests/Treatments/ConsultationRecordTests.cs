using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;

namespace MicroSpa.Domain.Tests.Treatments;

public sealed class ConsultationRecordTests
{
    private static TreatmentRecord OpenConsultation()
    {
        var appointment = TestData.BookedConsultation();
        appointment.CheckIn(appointment.StartsAt, TestData.By);
        return TreatmentRecord.Open(appointment, TestData.Now);
    }

    private static ConsultationEntry Complete() =>
        new(FitzpatrickType.IV, "Oily T-zone, rolling acne scars on both cheeks", ["Acne scars"], "No active acne; scars grade 3",
            "Four sessions on the cheeks, five weeks apart", null);

    [Fact]
    public void A_consultation_opens_as_a_consultation_record_with_no_areas_and_no_device()
    {
        var record = OpenConsultation();

        record.Kind.ShouldBe(ServiceKind.Consultation);
        record.Areas.ShouldBeEmpty();
        record.DeviceId.ShouldBeNull();
    }

    [Fact]
    public void A_needling_appointment_opens_a_needling_chart()
    {
        var appointment = TestData.Booked();
        appointment.CheckIn(appointment.StartsAt, TestData.By);

        var record = TreatmentRecord.Open(appointment, TestData.Now);

        record.Kind.ShouldBe(ServiceKind.Treatment);
        record.Areas.Count.ShouldBe(1);
    }

    /// <summary>Each row leaves one field out of a complete record: the field that blocks signing and its message.</summary>
    public static TheoryData<string, ConsultationEntry, string> Missing() => new()
    {
        { "Fitzpatrick type", Complete() with { SkinType = null }, nameof(TreatmentRecord.SkinType) },
        { "skin assessment", Complete() with { SkinNotes = "  " }, nameof(TreatmentRecord.SkinNotes) },
        { "recommended plan", Complete() with { RecommendedPlan = null }, nameof(TreatmentRecord.RecommendedPlan) },
    };

    [Theory]
    [MemberData(nameof(Missing))]
    public void Signing_a_consultation_needs_its_assessment_and_plan(string what, ConsultationEntry entry, string field)
    {
        var record = OpenConsultation();
        record.SaveConsultation(entry, TestData.Now);

        var error = Should.Throw<DomainException>(() => record.SignConsultation(Guid.NewGuid(), "maya", TestData.Now), what);

        error.Field.ShouldBe(field);
        record.IsSigned.ShouldBeFalse();
        record.CheckConsultation().ShouldContain(f => f.Field == field && f.Blocks);
    }

    [Fact]
    public void A_consultation_signs_without_device_depth_or_numbing_and_then_never_changes()
    {
        var record = OpenConsultation();
        record.SaveConsultation(Complete(), TestData.Now);

        record.CheckConsultation().ShouldBeEmpty();
        record.Check(new Dictionary<Guid, BodyArea>(), null, new Dictionary<Guid, Product>(), new DateOnly(2026, 4, 15)).ShouldBeEmpty();
        record.SignConsultation(Guid.NewGuid(), "maya", TestData.Now);

        record.IsSigned.ShouldBeTrue();
        record.RecommendedPlan.ShouldBe("Four sessions on the cheeks, five weeks apart");
        Should.Throw<DomainException>(() => record.SaveConsultation(Complete(), TestData.Now));
    }

    /// <summary>The two kinds of record refuse each other's use: a consultation takes no needling entry, a chart no consultation.</summary>
    [Theory]
    [InlineData("needling entry on a consultation")]
    [InlineData("needling signature on a consultation")]
    [InlineData("consultation entry on a chart")]
    [InlineData("consultation signature on a chart")]
    public void Each_kind_of_record_refuses_the_other_kinds_use(string use)
    {
        var consultation = OpenConsultation();
        var appointment = TestData.Booked();
        appointment.CheckIn(appointment.StartsAt, TestData.By);
        var chart = TreatmentRecord.Open(appointment, TestData.Now);
        var none = new Dictionary<Guid, BodyArea>();
        var noProducts = new Dictionary<Guid, Product>();
        Action act = use switch
        {
            "needling entry on a consultation" => () => consultation.SaveDraft(Needling(), none, noProducts, TestData.Now),
            "needling signature on a consultation" => () => consultation.Sign(TestData.OpenGate(appointment), BeforePhotos.For(0, false, consultation, []), none, null, noProducts, new DateOnly(2026, 4, 15), Guid.NewGuid(), "maya", TestData.Now),
            "consultation entry on a chart" => () => chart.SaveConsultation(Complete(), TestData.Now),
            _ => () => chart.SignConsultation(Guid.NewGuid(), "maya", TestData.Now),
        };

        Should.Throw<DomainException>(act);
        consultation.IsSigned.ShouldBeFalse();
        chart.IsSigned.ShouldBeFalse();
        consultation.NumbingAgent.ShouldBeNull();
    }

    private static ChartEntry Needling() =>
        new(FitzpatrickType.III, null, [], "Lidocaine", TestData.Now, TestData.Now.AddMinutes(30), true, Guid.NewGuid(), 12, "LOT", new DateOnly(2027, 1, 1), null, []);
}

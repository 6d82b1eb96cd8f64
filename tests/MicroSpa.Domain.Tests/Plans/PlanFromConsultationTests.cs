using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;

namespace MicroSpa.Domain.Tests.Plans;

public sealed class PlanFromConsultationTests
{
    private static readonly DateOnly ConsultationDay = new(2026, 4, 15);
    private static readonly BodyArea Cheeks = TestData.Area("Cheeks");
    private static readonly Service Facial = TestData.Facial(Cheeks);

    private static TreatmentRecord Consultation(Recommendation? recommended, bool sign = true)
    {
        var appointment = TestData.BookedConsultation();
        appointment.CheckIn(appointment.StartsAt, TestData.By);
        var record = TreatmentRecord.Open(appointment, TestData.Now);
        record.SaveConsultation(new ConsultationEntry(FitzpatrickType.IV, "Rolling acne scars on both cheeks", ["Acne scars"], null,
            "Four sessions on the cheeks", null, recommended), TestData.Now);
        if (sign)
        {
            record.SignConsultation(Guid.NewGuid(), "maya", TestData.Now);
        }

        return record;
    }

    private static Recommendation Series(int? sessions = null, int? interval = null, Guid? service = null, Indication? indication = Indication.AcneScars, Guid[]? areas = null) =>
        new(service ?? Facial.Id, indication, areas ?? [Cheeks.Id], sessions, interval);

    /// <summary>(what the consultation recommends, signed?) → the plan's sessions and interval, or the refusal.</summary>
    public static TheoryData<string, Recommendation?, bool, int?, int?, string?> Table => new()
    {
        { "sessions and interval given", Series(5, 42), true, 5, 42, null },
        { "defaults for acne scars", Series(), true, 4, 35, null },
        { "defaults for pigmentation", Series(indication: Indication.Pigmentation), true, 4, 14, null },
        { "a draft", Series(), false, null, null, "Sign the consultation record first: the plan starts from what it recommends." },
        { "no series at all", null, true, null, null, "This consultation recommends no series: choose the treatment, the indication and the areas in its record." },
        { "no indication", Series(indication: null), true, null, null, "This consultation recommends no series: choose the treatment, the indication and the areas in its record." },
        { "no areas", Series(areas: []), true, null, null, "This consultation recommends no series: choose the treatment, the indication and the areas in its record." },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void A_signed_consultation_starts_the_plan_it_recommends(string what, Recommendation? recommended, bool signed, int? sessions, int? interval, string? refusal)
    {
        var consultation = Consultation(recommended, signed);

        if (refusal is not null)
        {
            Should.Throw<DomainException>(() => TreatmentPlan.FromConsultation(consultation, Facial, ConsultationDay, TestData.Now), what).Message.ShouldBe(refusal);
            return;
        }

        var plan = TreatmentPlan.FromConsultation(consultation, Facial, ConsultationDay, TestData.Now);

        plan.ConsultationRecordId.ShouldBe(consultation.Id);
        plan.ClientId.ShouldBe(consultation.ClientId);
        plan.ServiceId.ShouldBe(Facial.Id);
        plan.AreaIds.ShouldBe([Cheeks.Id]);
        plan.PlannedSessions.ShouldBe(sessions!.Value);
        plan.IntervalDays.ShouldBe(interval!.Value);
        plan.StatusOn([], ConsultationDay).NextDue.ShouldBe(ConsultationDay, "the first session is due from the consultation");
    }

    [Theory]
    [InlineData(0, null, "RecommendedSessions")]
    [InlineData(25, null, "RecommendedSessions")]
    [InlineData(null, 6, "RecommendedIntervalDays")]
    [InlineData(null, 91, "RecommendedIntervalDays")]
    public void A_recommended_series_out_of_bounds_blocks_signing_the_record(int? sessions, int? interval, string field)
    {
        var consultation = Consultation(Series(sessions, interval), sign: false);

        consultation.CheckConsultation().ShouldContain(f => f.Field == field && f.Blocks);
        Should.Throw<DomainException>(() => consultation.SignConsultation(Guid.NewGuid(), "maya", TestData.Now)).Field.ShouldBe(field);
    }

    [Fact]
    public void A_needling_chart_or_a_consultation_service_starts_no_plan_this_way()
    {
        var appointment = TestData.Booked();
        appointment.CheckIn(appointment.StartsAt, TestData.By);
        var chart = TreatmentRecord.Open(appointment, TestData.Now);
        Should.Throw<DomainException>(() => TreatmentPlan.FromConsultation(chart, Facial, ConsultationDay, TestData.Now))
            .Message.ShouldBe("Only a consultation record recommends a plan.");

        var consultationService = TestData.Consultation();
        var recommendsConsultation = Consultation(Series(service: consultationService.Id));
        Should.Throw<DomainException>(() => TreatmentPlan.FromConsultation(recommendsConsultation, consultationService, ConsultationDay, TestData.Now))
            .Message.ShouldBe("Consultation is not a needling treatment: a plan is a series of treatments.");
    }
}

using MicroSpa.Domain.Intake;

namespace MicroSpa.Domain.Tests.Intake;

public sealed class MedicalClearanceTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(TestData.Now.UtcDateTime);
    private static readonly Guid ClientId = Guid.NewGuid();
    private static readonly Guid Facial = Guid.NewGuid();
    private static readonly Examiner Director = new(Guid.NewGuid(), "Dr. Ana Reyes", ExaminerCredential.MD, null);

    private static MedicalClearance Cleared(Examiner? examiner = null, DateOnly? expires = null) =>
        MedicalClearance.Clear(ClientId, examiner ?? Director, Today, ExamMode.InPerson, [Facial], "Acne scars, face", "History of cold sores: antiviral first",
            expires ?? Today.AddMonths(12), Guid.NewGuid(), "Dr. Ana Reyes", Today, TestData.Now);

    [Fact]
    public void A_clearance_covers_its_services_until_its_last_day()
    {
        var clearance = Cleared();

        clearance.Covers(Facial, Today).ShouldBeTrue();
        clearance.Covers(Facial, Today.AddMonths(12)).ShouldBeTrue();
        clearance.Covers(Facial, Today.AddMonths(12).AddDays(1)).ShouldBeFalse();
        clearance.Covers(Guid.NewGuid(), Today).ShouldBeFalse();
        clearance.Contraindications.ShouldBe("History of cold sores: antiviral first");
    }

    [Theory]
    [InlineData(null, "ExaminerLicenceState")]
    [InlineData("California", "ExaminerLicenceState")]
    [InlineData("C1", "ExaminerLicenceState")]
    public void An_outside_examiner_needs_a_two_letter_licence_state(string? state, string field)
    {
        var outside = new Examiner(null, "Jordan Park", ExaminerCredential.NP, state);

        Should.Throw<DomainException>(() => Cleared(outside)).Field.ShouldBe(field);
    }

    [Fact]
    public void An_outside_examiner_with_credential_and_state_clears()
    {
        var clearance = Cleared(new Examiner(null, " Jordan Park ", ExaminerCredential.PA, "ny"));

        clearance.ExaminerName.ShouldBe("Jordan Park");
        clearance.ExaminerLicenceState.ShouldBe("NY");
        clearance.ExaminerUserId.ShouldBeNull();
    }

    [Fact]
    public void Refuses_an_exam_in_the_future_an_expiry_before_it_and_one_too_far_out()
    {
        Should.Throw<DomainException>(() => MedicalClearance.Clear(ClientId, Director, Today.AddDays(1), ExamMode.Video, [Facial], null, null,
            Today.AddMonths(6), Guid.NewGuid(), "x", Today, TestData.Now)).Field.ShouldBe(nameof(MedicalClearance.ExaminedOn));
        Should.Throw<DomainException>(() => Cleared(expires: Today)).Field.ShouldBe(nameof(MedicalClearance.ExpiresOn));
        Should.Throw<DomainException>(() => Cleared(expires: Today.AddMonths(25))).Field.ShouldBe(nameof(MedicalClearance.ExpiresOn));
        Should.Throw<DomainException>(() => MedicalClearance.Clear(ClientId, Director, Today, ExamMode.Video, [], null, null,
            Today.AddMonths(6), Guid.NewGuid(), "x", Today, TestData.Now)).Field.ShouldBe(nameof(MedicalClearance.ServiceIds));
    }

    [Fact]
    public void A_decline_needs_a_reason_and_clears_nothing()
    {
        Should.Throw<DomainException>(() => MedicalClearance.Decline(ClientId, Director, Today, ExamMode.InPerson, "  ", null, Guid.NewGuid(), "x", Today, TestData.Now))
            .Field.ShouldBe(nameof(MedicalClearance.DeclineReason));

        var declined = MedicalClearance.Decline(ClientId, Director, Today, ExamMode.InPerson, "Pregnant: after breastfeeding", null, Guid.NewGuid(), "x", Today, TestData.Now);

        declined.Decision.ShouldBe(ClearanceDecision.Declined);
        declined.IsCurrent(Today).ShouldBeFalse();
    }

    [Theory]
    [InlineData("pregnant")]
    [InlineData("isotretinoin")]
    [InlineData("bleeding")]
    public void A_later_hard_stop_voids_the_clearance(string code)
    {
        var clearance = Cleared();
        var later = Screening.Record(ClientId, TestData.Questions, TestData.Answers(code), TestData.Now.AddDays(30));

        clearance.IsVoidedBy(later).ShouldBeTrue();
        clearance.VoidBy(later, TestData.Now.AddDays(30));

        clearance.IsCurrent(Today.AddDays(30)).ShouldBeFalse();
        clearance.VoidedByScreeningId.ShouldBe(later.Id);
        Should.Throw<DomainException>(() => clearance.VoidBy(later, TestData.Now.AddDays(31)));
    }

    [Fact]
    public void A_clear_screening_or_one_before_the_exam_does_not_void_it()
    {
        var clearance = Cleared();
        var clear = Screening.Record(ClientId, TestData.Questions, TestData.Answers("anticoagulant"), TestData.Now.AddDays(30));
        var before = Screening.Record(ClientId, TestData.Questions, TestData.Answers("keloid"), TestData.Now.AddDays(-1));

        clearance.IsVoidedBy(clear).ShouldBeFalse();
        clearance.IsVoidedBy(before).ShouldBeFalse();
        Should.Throw<DomainException>(() => clearance.VoidBy(clear, TestData.Now.AddDays(30)));
        Should.Throw<DomainException>(() => clearance.VoidBy(before, TestData.Now));
        clearance.IsCurrent(Today).ShouldBeTrue();
    }
}

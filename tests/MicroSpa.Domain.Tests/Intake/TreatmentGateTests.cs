using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;

namespace MicroSpa.Domain.Tests.Intake;

/// <summary>
/// The gate in front of needling, as a table: what the visit has (screening, consent, clearance, the service's
/// setting) and what is still missing. The entities refuse on it: treatment does not start, a chart is not signed.
/// </summary>
public sealed class TreatmentGateTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(TestData.Now.UtcDateTime);
    private static readonly ConsentForm ConsentV2 = new(2, "Microneedling consent", "Updated risks.", TestData.Now.AddDays(-3));

    public enum Screened { None, Clear, Stale, HardStop, OlderQuestions }

    public enum Consented { None, Current, Outdated }

    public enum Cleared { None, Current, BeforeTheScreening, Expired, Voided, OtherService, Declined }

    public sealed record Case(string Name, Screened Screening, Consented Consent, Cleared Clearance, bool ServiceNeedsClearance, GateStep[] Missing)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases() =>
    [
        new("a phone booking that arrives with nothing", Screened.None, Consented.None, Cleared.None, false, [GateStep.Screening, GateStep.Consent]),
        new("screened and consented", Screened.Clear, Consented.Current, Cleared.None, false, []),
        new("screened only", Screened.Clear, Consented.None, Cleared.None, false, [GateStep.Consent]),
        new("consented only", Screened.None, Consented.Current, Cleared.None, false, [GateStep.Screening]),
        new("a screening older than the policy's days", Screened.Stale, Consented.Current, Cleared.None, false, [GateStep.Screening]),
        new("a screening of questions the medical director changed since", Screened.OlderQuestions, Consented.Current, Cleared.None, false, [GateStep.Screening]),
        new("consent signed on an older version", Screened.Clear, Consented.Outdated, Cleared.None, false, [GateStep.Consent]),
        new("a hard stop nobody resolved", Screened.HardStop, Consented.Current, Cleared.None, false, [GateStep.Clearance]),
        new("a hard stop cleared by the medical director afterwards", Screened.HardStop, Consented.Current, Cleared.Current, false, []),
        new("a hard stop answered after the clearance", Screened.HardStop, Consented.Current, Cleared.BeforeTheScreening, false, [GateStep.Clearance]),
        new("a hard stop and a declined exam", Screened.HardStop, Consented.Current, Cleared.Declined, false, [GateStep.Clearance]),
        new("a service that needs a clearance, none given", Screened.Clear, Consented.Current, Cleared.None, true, [GateStep.Clearance]),
        new("a service that needs a clearance, one in force", Screened.Clear, Consented.Current, Cleared.Current, true, []),
        new("a clearance that has expired", Screened.Clear, Consented.Current, Cleared.Expired, true, [GateStep.Clearance]),
        new("a clearance voided by a hard stop", Screened.Clear, Consented.Current, Cleared.Voided, true, [GateStep.Clearance]),
        new("a clearance for another service", Screened.Clear, Consented.Current, Cleared.OtherService, true, [GateStep.Clearance]),
        new("a declined exam", Screened.Clear, Consented.Current, Cleared.Declined, true, [GateStep.Clearance]),
        new("nothing at all on a service that needs a clearance", Screened.None, Consented.None, Cleared.None, true, [GateStep.Screening, GateStep.Consent, GateStep.Clearance]),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_gate_lists_what_is_missing_and_the_entities_refuse_until_it_is_open(Case row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var (appointment, gate) = Build(row);

        gate.Missing.Select(m => m.Step).ShouldBe(row.Missing, row.Name);
        gate.IsOpen.ShouldBe(row.Missing.Length == 0);
        gate.ClearanceNeeded.ShouldBe(row.ServiceNeedsClearance && row.Missing.Contains(GateStep.Clearance));

        appointment.CheckIn(TestData.Now, TestData.By);
        var chart = TreatmentRecord.Open(appointment, TestData.Now);
        if (gate.IsOpen)
        {
            appointment.StartTreatment(gate, TestData.Now, TestData.By);
            appointment.Status.ShouldBe(AppointmentStatus.InTreatment);
            chart.Check(new Dictionary<Guid, BodyArea>(), null, new Dictionary<Guid, Product>(), Today, gate: gate)
                .ShouldNotContain(f => f.Field == TreatmentRecord.GateField);
        }
        else
        {
            Should.Throw<DomainException>(() => appointment.StartTreatment(gate, TestData.Now, TestData.By)).Message.ShouldBe(gate.Missing[0].Message);
            appointment.Status.ShouldBe(AppointmentStatus.CheckedIn);
            chart.Check(new Dictionary<Guid, BodyArea>(), null, new Dictionary<Guid, Product>(), Today, gate: gate)
                .Where(f => f.Field == TreatmentRecord.GateField).Select(f => f.Message).ShouldBe(gate.Missing.Select(m => m.Message));
            var refused = Should.Throw<DomainException>(() => chart.Sign(gate, BeforePhotos.For(0, false, chart, []), new Dictionary<Guid, BodyArea>(), null, new Dictionary<Guid, Product>(), Today,
                Guid.NewGuid(), "maya", TestData.Now));
            refused.Field.ShouldBe(TreatmentRecord.GateField);
            chart.IsSigned.ShouldBeFalse();
        }
    }

    [Fact]
    public void A_consultation_needs_no_gate()
    {
        var consult = new Service("Consultation", "", ServiceKind.Consultation, 30, 0m, ProviderCredential.Esthetician, 0, []);
        var appointment = Appointment.Book(TestData.Client(), consult, TestData.Esthetician(), new Room("Room 1"), null, [], TestData.Now.AddHours(1),
            BookingSource.FrontDesk, TestData.Now, TestData.By);

        TreatmentGate.For(appointment, consult, null, null, 1, 1, 30, [], TestData.Now, Today).IsOpen.ShouldBeTrue();
        Should.Throw<DomainException>(() => consult.RequireClearance(true)).Field.ShouldBe(nameof(Service.RequiresClearance));
    }

    [Fact]
    public void A_gate_built_for_one_visit_opens_no_other()
    {
        var first = TestData.Booked();
        var other = TestData.Booked();
        var gate = TestData.OpenGate(first);
        other.CheckIn(TestData.Now, TestData.By);

        Should.Throw<DomainException>(() => other.StartTreatment(gate, TestData.Now, TestData.By)).Message.ShouldBe("This check is for another visit.");
    }

    [Fact]
    public void A_screening_or_consent_not_attached_to_the_visit_does_not_count()
    {
        var appointment = TestData.Booked();
        var screening = Screening.Record(appointment.ClientId, TestData.Questions, TestData.Answers(), TestData.Now);
        var consent = ConsentSignature.Sign(appointment.Client!, TestData.ConsentV1, appointment.Client!.FullName, false, TestData.Now, "::1", "x");

        TreatmentGate.For(appointment, appointment.Service!, screening, consent, 1, 1, 30, [], TestData.Now, Today)
            .Missing.Select(m => m.Step).ShouldBe([GateStep.Screening, GateStep.Consent]);
    }

    [Fact]
    public void A_zero_day_policy_still_covers_the_day_of_the_screening()
    {
        var appointment = TestData.Booked();
        var (screening, consent) = TestData.GiveIntake(appointment, TestData.Now.AddHours(-2));

        TreatmentGate.For(appointment, appointment.Service!, screening, consent, 1, 1, 0, [], TestData.Now, Today).IsOpen.ShouldBeTrue();
        TreatmentGate.For(appointment, appointment.Service!, screening, consent, 1, 1, 0, [], TestData.Now.AddDays(2), Today.AddDays(2)).IsOpen.ShouldBeFalse();
    }

    /// <summary>The screening questions in force: version 2 when the row's screening was answered on version 1 before a change.</summary>
    private static int CurrentQuestions(Case row) => row.Screening == Screened.OlderQuestions ? TestData.Questions.Version + 1 : TestData.Questions.Version;

    private static (Appointment Appointment, TreatmentGate Gate) Build(Case row)
    {
        var appointment = TestData.Booked(TestData.Now.AddHours(1));
        var service = appointment.Service!;
        service.RequireClearance(row.ServiceNeedsClearance);
        var answeredAt = row.Screening == Screened.Stale ? TestData.Now.AddDays(-31) : TestData.Now.AddHours(-1);
        var clearanceRecordedAt = row.Clearance == Cleared.BeforeTheScreening ? answeredAt.AddDays(-10) : TestData.Now.AddMinutes(-30);

        Screening? screening = null;
        if (row.Screening != Screened.None)
        {
            screening = Screening.Record(appointment.ClientId, TestData.Questions, row.Screening == Screened.HardStop ? TestData.Answers("keloid") : TestData.Answers(), answeredAt);
            appointment.RecordCheckInScreening(screening, TestData.By);
        }

        ConsentSignature? consent = null;
        if (row.Consent != Consented.None)
        {
            var form = row.Consent == Consented.Outdated ? TestData.ConsentV1 : ConsentV2;
            consent = ConsentSignature.Sign(appointment.Client!, form, appointment.Client!.FullName, false, TestData.Now.AddHours(-1), "::1", "tablet");
            appointment.RecordCheckInConsent(consent, TestData.By);
        }

        var examiner = new Examiner(Guid.NewGuid(), "Dr. Ana Reyes", ExaminerCredential.MD, "CA");
        var examDay = DateOnly.FromDateTime(clearanceRecordedAt.UtcDateTime);
        MedicalClearance? clearance = row.Clearance switch
        {
            Cleared.None => null,
            Cleared.Declined => MedicalClearance.Decline(appointment.ClientId, examiner, examDay, ExamMode.InPerson, "Active keloids on both cheeks", null,
                Guid.NewGuid(), "Dr. Ana Reyes", examDay, clearanceRecordedAt),
            Cleared.OtherService => MedicalClearance.Clear(appointment.ClientId, examiner, examDay, ExamMode.Video, [Guid.NewGuid()], null, null,
                examDay.AddMonths(12), Guid.NewGuid(), "Dr. Ana Reyes", examDay, clearanceRecordedAt),
            Cleared.Expired => MedicalClearance.Clear(appointment.ClientId, examiner, Today.AddMonths(-13), ExamMode.InPerson, [service.Id], null, null,
                Today.AddDays(-1), Guid.NewGuid(), "Dr. Ana Reyes", Today.AddMonths(-13), TestData.Now.AddMonths(-13)),
            _ => MedicalClearance.Clear(appointment.ClientId, examiner, examDay, ExamMode.InPerson, [service.Id], "Acne scars, face", null,
                examDay.AddMonths(12), Guid.NewGuid(), "Dr. Ana Reyes", examDay, clearanceRecordedAt),
        };
        if (row.Clearance == Cleared.Voided)
        {
            clearance!.VoidBy(Screening.Record(appointment.ClientId, TestData.Questions, TestData.Answers("pregnant"), TestData.Now.AddMinutes(-10)), TestData.Now.AddMinutes(-10));
        }

        var gate = TreatmentGate.For(appointment, service, screening, consent, ConsentV2.Version, CurrentQuestions(row), 30, clearance is null ? [] : [clearance], TestData.Now, Today);
        return (appointment, gate);
    }
}
